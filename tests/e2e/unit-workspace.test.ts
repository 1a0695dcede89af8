// The responsible unit's workspace end to end: 签收, 填报 with a target value and evidence (a PDF and a photo), a
// reload mid-draft, 办结申请, the office's 退回 with a reason, more evidence, again, and 销号 — on a desktop and on a phone.
import sharp from 'sharp'
import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { DESKTOP, launchBrowser, openPage, PHONE, type Viewport } from '../fixtures/e2e/browser.js'
import { startService, type Service } from '../fixtures/e2e/service.js'
import { createPerson, createUnit, signInThroughApi, type Person } from '../fixtures/e2e/users.js'
import { samples } from '../fixtures/evidence.js'

const service = await startService(t)
const browser = await launchBrowser(t)
const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a8' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer()

let serial = 0
/** A plan with one task led by a new unit, a target for this year, dispatched by the office; and that unit's clerk. */
async function dispatchedTask(service: Service) {
  serial += 1
  const unitId = await createUnit(service, `测试街道办事处${serial}`)
  const clerk = await createPerson(service, 'unit', { unitId, name: `张填报${serial}` })
  const year = new Date().getFullYear()
  const plan = await service.admin('POST', '/api/plans', { title: `城市更新行动计划${serial}`, startYear: year, endYear: year + 2 })
  const task = await service.admin('POST', `/api/plans/${plan.body.id}/tasks`, {
    number: String(serial), title: `改造老旧小区${serial}`, leadUnitIds: [unitId], deadline: `${year + 1}-06-30`,
    targets: [{ year, description: `改造老旧小区40个(${serial})`, value: 40, measure: '个' }],
  })
  if (task.status !== 201) throw new Error(JSON.stringify(task.body))
  await service.admin('POST', `/api/tasks/${task.body.id}/dispatch`, { comment: '请按期完成' })
  return { clerk, taskId: task.body.id as number, title: `${serial} 改造老旧小区${serial}`, target: `改造老旧小区40个(${serial})` }
}

async function signInOnPage(page: Page, clerk: Person) {
  await page.goto('/login')
  await page.getByLabel('登录名').fill(clerk.login)
  await page.getByLabel('密码', { exact: true }).fill(clerk.password)
  await page.getByRole('button', { name: '登录' }).click()
}

/**
 * Waits for toasts to go and for running CSS transitions (a tag zooming) to end: axe measures contrast as it is
 * at that moment, and a half-faded toast fails it.
 */
async function settled(page: Page) {
  await page.locator('.el-message').last().waitFor({ state: 'detached' })
  // Two frames first: a transition starts on the frame after its element is inserted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))))
  return page
}

async function openNav(page: Page, viewport: Viewport) {
  if (viewport === PHONE) await page.getByRole('button', { name: '打开导航' }).click()
  return page.getByRole('navigation', { name: '主导航' })
}

async function workspaceFlow(t: Test, viewport: Viewport) {
  const label = viewport === PHONE ? ' (phone)' : ''
  const { clerk, taskId, title, target } = await dispatchedTask(service)
  // The clerk's first password change is the sign-in tests' subject: done through the API beforehand.
  const setup = await openPage(t, browser, service.baseURL, viewport)
  await signInThroughApi(setup.context, clerk)
  const { page } = await openPage(t, browser, service.baseURL, viewport)
  await signInOnPage(page, clerk)
  await page.waitForURL(/\/todo$/)
  await page.getByRole('heading', { name: '待办' }).waitFor()
  const nav = await openNav(page, viewport)
  const todoLink = nav.getByRole('link', { name: /待办/ })
  await todoLink.locator('.badge').waitFor() // the count arrives after the page
  t.equal((await todoLink.textContent())?.replace(/\s+/g, ''), '待办1', 'the navigation counts the to-do items')
  if (viewport === PHONE) await page.getByRole('button', { name: '打开导航' }).click()
  await checkA11y(t, await settled(page), `待办${label}`)

  // 签收
  await page.getByRole('button', { name: `签收 ${title}` }).click()
  await page.getByRole('link', { name: `填报 ${title}` }).waitFor()
  t.pass('signed for: the task waits for this period’s report')
  await page.getByRole('link', { name: `填报 ${title}` }).click()

  // 填报 with a target value, a PDF and a photo; a reload keeps the draft.
  await page.getByRole('heading', { name: '填报' }).waitFor()
  await page.getByLabel('本期进展').fill('已完成 12 个小区的改造，正在推进 8 个')
  await page.getByLabel('存在问题').fill('部分居民对加装电梯意见不一')
  await page.getByLabel(target).fill('12')
  await page.getByLabel(target).blur()
  await t.resolves(page.getByText(/落后于序时进度/).waitFor(), 'behind 序时进度 is flagged')
  const camera = page.getByLabel('拍照')
  t.equal(await camera.getAttribute('accept'), 'image/*', '拍照 takes images')
  t.equal(await camera.getAttribute('capture'), 'environment', 'from the camera on a phone')
  await page.getByTestId('evidence-input').first().setInputFiles([
    { name: '竣工验收报告.pdf', mimeType: 'application/pdf', buffer: samples.pdf('竣工验收') },
    { name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: photo },
  ])
  await page.getByRole('link', { name: '竣工验收报告.pdf' }).waitFor()
  await page.getByRole('img', { name: '现场照片.jpg 预览' }).waitFor()
  await checkA11y(t, await settled(page), `填报${label}`)
  await page.reload()
  await page.getByText('已恢复未提交的草稿').waitFor()
  t.equal(await page.getByLabel('本期进展').inputValue(), '已完成 12 个小区的改造，正在推进 8 个', 'the draft survived the reload')
  t.equal(await page.getByLabel(target).inputValue(), '12', 'with the target value')
  t.ok(await page.getByRole('link', { name: '现场照片.jpg' }).isVisible(), 'and its evidence')
  await page.getByRole('button', { name: '提交' }).click()
  await page.waitForURL(new RegExp(`/unit/tasks/${taskId}$`))
  await page.getByText('已完成 12 个小区的改造，正在推进 8 个').waitFor()
  const report = (await service.admin('GET', `/api/tasks/${taskId}/reports`)).body.items[0]
  t.match(report, { percent: 0, targetValues: [{ actual: 12 }] })
  t.same(report.attachments.map((a: { name: string }) => a.name).sort(), ['现场照片.jpg', '竣工验收报告.pdf'])
  await checkA11y(t, await settled(page), `任务详情${label}`)

  // 办结申请
  await page.getByRole('button', { name: '办结申请' }).click()
  await page.getByRole('heading', { name: '办结申请' }).waitFor()
  await page.getByLabel('办结情况').fill('40 个小区已全部改造完成')
  await page.getByRole('button', { name: '提交办结申请' }).click()
  await page.getByText('待审核').waitFor()
  await checkA11y(t, await settled(page), `办结申请${label}`)

  // The office returns it; the clerk sees the reason on 待办, adds evidence and asks again.
  t.equal((await service.admin('POST', `/api/tasks/${taskId}/review`, { decision: 'return', comment: '佐证材料不全，请补充竣工验收证明' })).status, 200)
  await (await openNav(page, viewport)).getByRole('link', { name: /待办/ }).click()
  await page.getByText('佐证材料不全，请补充竣工验收证明').waitFor()
  t.pass('the reason is on 待办')
  await page.getByRole('link', { name: '办结申请' }).click()
  await page.getByRole('heading', { name: '办结申请' }).waitFor()
  await t.resolves(page.getByText('退回理由：佐证材料不全，请补充竣工验收证明').waitFor(), 'and beside the request it returned')
  await page.getByLabel('办结情况').fill('已补充竣工验收证明')
  await page.getByTestId('evidence-input').first().setInputFiles([{ name: '竣工验收证明.pdf', mimeType: 'application/pdf', buffer: samples.pdf('证明') }])
  await page.getByRole('link', { name: '竣工验收证明.pdf' }).waitFor()
  await page.getByRole('button', { name: '提交办结申请' }).click()
  await page.getByText('待审核').waitFor()
  const requests = (await service.admin('GET', `/api/tasks/${taskId}/completion-requests`)).body.items
  t.match(requests[1], { summary: '已补充竣工验收证明', attachments: [{ name: '竣工验收证明.pdf' }], outcome: null })

  // The office accepts — on its task page, the request's evidence beside 审核 (desktop) — and the task closes.
  if (viewport === DESKTOP) {
    const officer = await createPerson(service, 'office', { name: '王审核' })
    const office = await openPage(t, browser, service.baseURL)
    await signInThroughApi(office.context, officer)
    await office.page.goto(`/tasks/${taskId}`)
    const request = office.page.getByRole('region', { name: /办结申请/ })
    await request.getByRole('link', { name: '竣工验收证明.pdf' }).waitFor()
    t.ok(await request.getByText('已补充竣工验收证明').isVisible(), '审核 shows the completion request beside the buttons')
    const evidence = office.page.getByRole('region', { name: '佐证材料' })
    await evidence.getByRole('img', { name: '现场照片.jpg 预览' }).waitFor()
    t.equal(await evidence.getByRole('link').count(), 3, 'the task page lists every file on the task, images with previews')
    await checkA11y(t, await settled(office.page), '任务详情 (office, 审核)')
    await office.page.getByRole('button', { name: '审核 ▾' }).click()
    await office.page.getByRole('menuitem', { name: '通过' }).click()
    await office.page.getByRole('button', { name: '确定' }).click()
    await office.page.getByText('已销号').first().waitFor()
  } else {
    t.equal((await service.admin('POST', `/api/tasks/${taskId}/review`, { decision: 'accept', comment: '同意销号' })).status, 200)
  }
  await page.getByRole('link', { name: title }).click()
  await page.getByText('已销号').first().waitFor()
  t.pass('the task is closed (已销号)')

  await (await openNav(page, viewport)).getByRole('link', { name: '我的任务' }).click()
  await page.getByRole('heading', { name: '我的任务' }).waitFor()
  await page.getByText('牵头单位').first().waitFor()
  await checkA11y(t, await settled(page), `我的任务${label}`)
  await page.goto(`/unit/tasks/${taskId}/extension`)
  await page.getByRole('heading', { name: '延期申请' }).waitFor()
  await checkA11y(t, await settled(page), `延期申请${label}`)
}

t.test('a unit clerk signs for a task, reports with evidence, asks for completion, is returned, asks again, and the task closes', (t) => workspaceFlow(t, DESKTOP))
t.test('the same on a 390 × 844 phone', (t) => workspaceFlow(t, PHONE))
