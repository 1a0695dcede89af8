// 驾驶舱 in Chromium: a leader lands on it, its charts draw (non-empty canvases), a click on a bar of overdue tasks
// by lead unit opens the board filtered to that unit's overdue lead tasks, whose lights give their reasons.
import t from 'tap'
import type { Page } from 'playwright-core'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, createUnit, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

/** Painted pixels of the chart's canvas (ECharts draws on a 2D canvas). */
const painted = (page: Page, testId: string) => page.getByTestId(testId).locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
  let n = 0
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
  return n
})

t.test('a leader’s dashboard draws its charts and a bar opens the tasks behind it', async (t) => {
  const zjj = await createUnit(service, '市住建局')
  const cgj = await createUnit(service, '市城管局')
  const plan = await service.admin('POST', '/api/plans', { title: '城市更新行动计划(驾驶舱)', docNumber: '驾驶〔2026〕1号', startYear: 2026, endYear: 2027 })
  t.equal(plan.status, 201)
  const planId = plan.body.id as number
  // Deadlines long past (the service runs on today's date), one due next year, one held to this year's target.
  const tasks: [string, number, Record<string, unknown>][] = [
    ['1', zjj, { deadline: '2026-01-10' }], ['2', zjj, { deadline: '2026-02-10' }], ['3', cgj, { deadline: '2026-03-10' }],
    ['4', cgj, { deadline: '2027-06-30' }], ['5', cgj, { targets: [{ year: 2026, description: '改造老旧小区50个', value: 50, measure: '个' }] }],
  ]
  for (const [number, lead, extra] of tasks) {
    const res = await service.admin('POST', `/api/plans/${planId}/tasks`, { number, title: `任务${number}`, leadUnitIds: [lead], ...extra })
    t.equal(res.status, 201)
    t.equal((await service.admin('POST', `/api/tasks/${res.body.id}/dispatch`, {})).status, 200)
  }
  const leader = await createPerson(service, 'leader', { name: '张领导' })
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, leader)

  await page.goto('/')
  await page.waitForURL(/\/dashboard/)
  t.pass('a leader lands on 驾驶舱')
  await page.goto(`/dashboard?plan=${planId}`)
  await page.getByRole('heading', { name: '驾驶舱' }).waitFor()
  t.equal(await page.getByTestId('light-red').locator('.n').textContent(), '3', 'three red lights')
  for (const chart of ['chart-units', 'chart-trend', 'chart-targets']) {
    await page.waitForFunction((id) => !!document.querySelector(`[data-testid="${id}"] canvas`), chart)
    let n = 0
    for (let i = 0; i < 40 && n < 500; i++, await page.waitForTimeout(100)) n = await painted(page, chart)
    t.ok(n >= 500, `${chart} draws (${n} painted pixels)`)
  }
  await checkA11y(t, page, '驾驶舱')

  // Two units: 市城管局 (1) at the bottom, 市住建局 (2, the axis' maximum) at the top, its bar across the grid.
  const box = (await page.getByTestId('chart-units').boundingBox())!
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.27)
  await page.waitForURL((url) => url.pathname === `/plans/${planId}/board` && url.searchParams.get('unit') === String(zjj) && url.searchParams.get('overdue') === 'true' && url.searchParams.get('role') === 'lead')
  const rows = page.getByTestId('board').locator('tbody tr')
  await rows.first().waitFor()
  t.equal(await rows.count(), 2, 'the board lists 市住建局’s two overdue tasks')
  const light = rows.first().locator('.light')
  t.match(await light.textContent(), /^红灯：逾期 \d+ 个工作日/, 'the light says why, as its word and reasons')
  t.match(await light.getAttribute('title'), /^逾期 \d+ 个工作日/, 'and on hover')
  await checkA11y(t, page, '任务台账 (from 驾驶舱)')

  await page.goto(`/dashboard?plan=${planId}&screen=1`)
  await page.getByRole('button', { name: '退出大屏' }).waitFor()
  const size = await page.evaluate(() => { const el = document.querySelector('.dashboard.screen')!.getBoundingClientRect(); return [el.width, el.height] })
  t.same(size, [1366, 768], '大屏 covers the whole window')
})
