// The supervision office's desk in Chromium: a supervisor issues a 督办单, the unit replies (反馈), the supervisor
// accepts it; a leader writes a 批示 and the unit reports 落实情况; axe on every page of the flow.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, createUnit, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

const unitId = await createUnit(service, '市住建局')
const plan = await service.admin('POST', '/api/plans', { title: '城市更新五年行动计划', docNumber: '测试〔2026〕11号', startYear: 2026, endYear: 2028 })
const task = await service.admin('POST', `/api/plans/${plan.body.id}/tasks`, { number: '1', title: '改造老旧小区', leadUnitIds: [unitId], deadline: '2028-12-31' })
if (task.status !== 201 || (await service.admin('POST', `/api/tasks/${task.body.id}/dispatch`, {})).status !== 200) throw new Error('setting up the task failed')
const supervisor = await createPerson(service, 'supervisor', { name: '赵督查' })
const clerk = await createPerson(service, 'unit', { unitId, name: '李填报' })
const leader = await createPerson(service, 'leader', { name: '王市长' })
const officeClerk = await createPerson(service, 'office', { name: '钱办公' })

/** Picks an option of an Element Plus select found by its label, typing to search. */
async function pick(page: import('playwright-core').Page, label: string, search: string, option: string) {
  const input = page.getByLabel(label, { exact: true })
  await input.click()
  await input.fill(search)
  await page.getByRole('option', { name: option }).click()
}

t.test('督办单: issue, reply, accept', async (t) => {
  const desk = await openPage(t, browser, service.baseURL)
  await signInThroughApi(desk.context, supervisor)
  const { page } = desk
  await page.goto('/')
  await page.waitForURL(/\/desk$/)
  await t.resolves(page.getByRole('heading', { name: '督办台' }).waitFor(), 'the supervisor lands on 督办台')
  await checkA11y(t, page, '督办台')

  await page.getByRole('button', { name: '签发督办单' }).click()
  const dialog = page.getByRole('dialog', { name: '签发督办单' })
  await pick(page, '督办任务', '改造', '1. 改造老旧小区')
  await dialog.getByLabel('存在问题').fill('推进缓慢,未按计划开工')
  await dialog.getByLabel('督办要求').fill('请于反馈时限前报送整改措施')
  await checkA11y(t, page, '签发督办单')
  await dialog.getByRole('button', { name: '督办' }).click()
  const row = page.getByRole('row').filter({ hasText: '改造老旧小区' })
  await t.resolves(row.getByText('待反馈').waitFor(), 'the notice is listed, awaiting the reply')
  const number = (await row.getByRole('button', { name: /督办〔\d{4}〕第1号/ }).textContent())!.trim()
  t.match(number, /^督办〔\d{4}〕第1号$/)

  const unit = await openPage(t, browser, service.baseURL)
  await signInThroughApi(unit.context, clerk)
  await unit.page.goto('/notices')
  await t.resolves(unit.page.getByRole('heading', { name: '督办单与批示' }).waitFor())
  await checkA11y(t, unit.page, '督办单与批示')
  await unit.page.getByRole('button', { name: `反馈 ${number}` }).click()
  const answer = unit.page.getByRole('dialog', { name: `反馈 ${number}` })
  await t.resolves(answer.getByText('推进缓慢,未按计划开工').waitFor(), 'the unit sees what is asked')
  await answer.getByLabel('反馈内容(已采取的措施和进展)').fill('已成立专班,本月底开工')
  await checkA11y(t, unit.page, '反馈')
  await answer.getByRole('button', { name: '提交' }).click()
  await t.resolves(unit.page.getByRole('row').filter({ hasText: number }).getByText('待审核').waitFor(), 'replied, awaiting review')

  await page.reload()
  const replied = page.getByRole('row').filter({ hasText: number })
  await t.resolves(replied.getByText('已成立专班,本月底开工').waitFor(), 'the reply is on the desk')
  t.match(await page.getByRole('status').textContent(), /待审核反馈\s*1\s*件/, 'replies awaiting review are counted')
  await replied.getByRole('button', { name: `退回 ${number}` }).click()
  const back = page.getByRole('dialog', { name: `退回 ${number}` })
  await back.getByRole('button', { name: '确定' }).click()
  await t.resolves(back.getByText('请填写退回理由').waitFor(), 'asking again needs a reason')
  await back.getByLabel('退回理由(要求重新反馈)').fill('佐证材料不全')
  await back.getByRole('button', { name: '确定' }).click()
  await t.resolves(replied.getByText('待反馈').waitFor(), 'back with the unit')

  await unit.page.reload()
  await unit.page.getByRole('button', { name: `反馈 ${number}` }).click()
  const again = unit.page.getByRole('dialog', { name: `反馈 ${number}` })
  await t.resolves(again.getByText('佐证材料不全').waitFor(), 'the unit reads why')
  await again.getByLabel('反馈内容(已采取的措施和进展)').fill('已补充开工报告和现场照片')
  await again.getByRole('button', { name: '提交' }).click()
  await t.resolves(unit.page.getByRole('row').filter({ hasText: number }).getByText('待审核').waitFor())

  await page.reload()
  await replied.getByRole('button', { name: `通过 ${number}` }).click()
  await t.resolves(replied.getByText('已通过').waitFor(), 'accepted')
  const list = await service.admin('GET', '/api/notices')
  t.match(list.body.items[0], { number, status: 'accepted', lastReply: '已补充开工报告和现场照片' })

  await page.getByRole('tab', { name: '督办', exact: true }).click()
  await checkA11y(t, page, '督办台 · 督办')
  await page.goto(`/unit-status?unitId=${unitId}`)
  await t.resolves(page.getByRole('heading', { name: /市住建局 · 逾期任务/ }).waitFor(), '单位情况 opens for the unit')
  await checkA11y(t, page, '单位情况')
})

t.test('批示: a leader writes one, the unit reports 落实情况', async (t) => {
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, leader)
  await page.goto('/instructions')
  await t.resolves(page.getByRole('heading', { name: '批示' }).waitFor())
  await checkA11y(t, page, '批示')
  await pick(page, '任务', '改造', '1. 改造老旧小区')
  await page.getByLabel('批示内容').fill('请市住建局加快推进')
  await page.getByRole('button', { name: '批示', exact: true }).click()
  const row = page.getByRole('row').filter({ hasText: '请市住建局加快推进' })
  await t.resolves(row.getByText('待落实').waitFor(), 'the instruction is listed, open')
  t.ok(await row.getByText('市住建局(未反馈)').isVisible(), 'addressed to the lead unit')

  const office = await openPage(t, browser, service.baseURL)
  await signInThroughApi(office.context, officeClerk)
  await office.page.goto('/instructions')
  await t.resolves(office.page.getByRole('row').filter({ hasText: '请市住建局加快推进' }).getByText('待落实').waitFor(), 'the office tracks it')
  t.equal(await office.page.getByLabel('批示内容').count(), 0, 'but does not write instructions')

  const unit = await openPage(t, browser, service.baseURL)
  await signInThroughApi(unit.context, clerk)
  await unit.page.goto('/notices')
  const line = unit.page.getByRole('row').filter({ hasText: '请市住建局加快推进' })
  await line.getByRole('button', { name: /报送落实情况/ }).click()
  const dialog = unit.page.getByRole('dialog', { name: '报送落实情况' })
  await dialog.getByLabel('落实情况').fill('已召开专题会,倒排工期')
  await dialog.getByRole('button', { name: '提交' }).click()
  await t.resolves(line.getByText('已反馈').waitFor(), 'reported')

  await page.reload()
  const answered = page.getByRole('row').filter({ hasText: '请市住建局加快推进' })
  await t.resolves(answered.getByText('已反馈').first().waitFor(), 'the leader sees it answered')
  await answered.getByRole('button').first().click()
  await t.resolves(page.getByText('已召开专题会,倒排工期').waitFor(), 'and reads the 落实情况')
  await checkA11y(t, page, '批示 (answered)')
})
