// Lists of tasks on a 390 × 844 phone: the task board and 我的任务 show each task's light with its word, status,
// deadline and units on the screen, not in columns scrolled off to the right; the 驾驶舱 fits the width too.
import t, { type Test } from 'tap'
import type { Locator, Page } from 'playwright-core'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage, PHONE } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, createUnit, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

const lead = await createUnit(service, '市城市管理综合行政执法局')
const partner = await createUnit(service, '河东街道办事处')
const plan = await service.admin('POST', '/api/plans', { title: '城市更新行动计划（手机）', startYear: 2026, endYear: 2028 })
const title = '实施城市地下管网更新改造工程，新建和改造燃气、供水、排水管网'
const task = await service.admin('POST', `/api/plans/${plan.body.id}/tasks`, {
  number: '12', title, leadUnitIds: [lead], responsibleUnitIds: [partner], deadline: '2026-03-31',
  targets: [{ year: 2026, description: '新建和改造城市燃气、供水、排水地下管网（含老旧小区配套管网）', value: 120, measure: '公里' }],
})
if (task.status !== 201 || (await service.admin('POST', `/api/tasks/${task.body.id}/dispatch`, {})).status !== 200) throw new Error('setting up the task failed')

/** Nothing scrolls sideways: neither the page nor the console's main area. */
const sideways = (page: Page) => page.evaluate(() => {
  const main = document.querySelector('main')!
  return { page: document.documentElement.scrollWidth - innerWidth, main: main.scrollWidth - main.clientWidth }
})
/** The element lies within the phone's width (not in a column scrolled off to the right). */
async function onScreen(t: Test, item: Locator, what: string) {
  await item.waitFor()
  const box = (await item.boundingBox())!
  t.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `${what} is on the screen (x ${Math.round(box.x)}–${Math.round(box.x + box.width)})`)
}

t.test('the office’s task board on a phone', async (t) => {
  const office = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL, PHONE)
  await signInThroughApi(context, office)
  await page.goto(`/plans/${plan.body.id}/board`)
  // The task's card (or, where there is none, its table row).
  const card = page.getByTestId('board').locator(':is(li, tr)', { hasText: title })
  await onScreen(t, card.getByRole('link', { name: title }), 'the title')
  await onScreen(t, card.getByText('红灯'), 'the light’s word')
  await onScreen(t, card.getByText('已交办'), 'the status')
  await onScreen(t, card.getByText('市城市管理综合行政执法局'), 'the lead unit')
  await onScreen(t, card.getByText('2026-03-31'), 'the deadline')
  t.same(await sideways(page), { page: 0, main: 0 }, 'nothing scrolls sideways')
  await checkA11y(t, page, '任务台账 (phone)')

  // Selecting for 交办 and sorting work from the cards too.
  await card.getByRole('checkbox', { name: `选择 12 ${title}` }).check()
  t.equal(await page.getByRole('button', { name: '交办（1）' }).count(), 1, 'a card can be selected for 交办')
  await page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '排序', exact: true }) }).click()
  await page.getByRole('option', { name: '完成时限由近到远' }).click()
  await page.waitForURL((url) => url.searchParams.get('sort') === 'deadline')
  t.pass('the cards sort by deadline')

  await card.getByRole('link', { name: title }).click()
  await page.waitForURL(new RegExp(`/tasks/${task.body.id}$`))
  t.pass('a card opens its task')
})

t.test('a unit clerk’s 我的任务 on a phone', async (t) => {
  const clerk = await createPerson(service, 'unit', { unitId: lead })
  const { context, page } = await openPage(t, browser, service.baseURL, PHONE)
  await signInThroughApi(context, clerk)
  await page.goto('/my-tasks')
  const card = page.locator('main').locator(':is(li, tr)', { hasText: title })
  await onScreen(t, card.getByText('红灯'), 'the light’s word')
  await onScreen(t, card.getByText('已交办'), 'the status')
  await onScreen(t, card.getByText('截止日期 2026-03-31'), 'the deadline')
  await onScreen(t, card.getByText('牵头单位'), 'the unit’s role on the task')
  t.same(await sideways(page), { page: 0, main: 0 }, 'nothing scrolls sideways')
  await checkA11y(t, page, '我的任务 (phone)')
})

t.test('a leader’s 驾驶舱 on a phone', async (t) => {
  const leader = await createPerson(service, 'leader')
  const { context, page } = await openPage(t, browser, service.baseURL, PHONE)
  await signInThroughApi(context, leader)
  await page.goto(`/dashboard?plan=${plan.body.id}`)
  await page.getByTestId('chart-targets').locator('canvas').waitFor()
  await onScreen(t, page.getByRole('button', { name: '打印' }), 'the last of the controls')
  await onScreen(t, page.getByTestId('chart-targets'), 'the targets chart')
  t.same(await sideways(page), { page: 0, main: 0 }, 'nothing scrolls sideways')
})
