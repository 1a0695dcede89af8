// 审核 of a completion request on 任务详情: 退回 needs a reason; after the unit asks again, 通过 closes the task (已销号),
// and 经过 tells it all in Chinese.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { dispatchedTask, requestCompletion } from '../fixtures/e2e/tasks.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('return with a reason (required), then accept', async (t) => {
  const task = await dispatchedTask(service)
  await requestCompletion(service, task)
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  // 审核 lists it (and the report before it); its button opens the task.
  await page.goto('/reviews')
  await page.getByRole('heading', { name: '审核' }).waitFor()
  const items = page.getByTestId('review-item').filter({ hasText: '40个小区全部改造完成' })
  await t.resolves(items.first().waitFor(), '审核 lists the 办结申请 with what the unit wrote')
  const entry = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /^审核/ })
  await entry.locator('.badge').waitFor()
  t.equal((await entry.textContent())?.replace(/\s+/g, ''), '审核2', 'the navigation counts what waits: the report and the 办结申请')
  await page.getByRole('radiogroup', { name: '事项类别' }).getByText(/^办结申请（\d+）$/).click()
  await t.resolves(page.getByTestId('review-item').first().getByText('办结申请', { exact: true }).waitFor(), 'and filters by kind')
  await checkA11y(t, page, '审核')
  await items.first().getByRole('link', { name: /^审核 / }).click()
  await page.waitForURL(new RegExp(`/tasks/${task.taskId}$`))
  await t.resolves(page.getByText('申请办结').first().waitFor(), 'the task is 申请办结')
  t.equal(await page.getByRole('button', { name: '交办' }).count(), 0, 'actions the state does not allow are not shown')
  await checkA11y(t, page, '任务详情')

  await page.getByRole('button', { name: '审核 ▾' }).click()
  await page.getByRole('menuitem', { name: '退回' }).click()
  const dialog = page.getByRole('dialog', { name: '审核：退回' })
  await dialog.getByRole('button', { name: '确定' }).click()
  await t.resolves(dialog.getByText('退回须说明理由').waitFor(), 'a return without a reason is not sent')
  await checkA11y(t, page, '审核：退回 (dialog)')
  await dialog.getByLabel('退回理由（必填）').fill('缺少验收材料')
  await dialog.getByRole('button', { name: '确定' }).click()
  await t.resolves(page.locator('.facts').getByText('推进中').waitFor(), 'returned: 推进中')
  t.equal((await service.admin('GET', `/api/tasks/${task.taskId}`)).body.status, 'in_progress')
  await t.resolves(page.getByText('缺少验收材料').first().waitFor(), 'the reason is in the timeline')

  await requestCompletion(service, task, false)
  await page.reload()
  await page.getByRole('button', { name: '审核 ▾' }).click()
  await page.getByRole('menuitem', { name: '通过' }).click()
  await page.getByRole('dialog', { name: '审核：通过' }).getByRole('button', { name: '确定' }).click()
  await t.resolves(page.locator('.facts').getByText('已销号').waitFor(), 'accepted: 已销号')
  t.equal((await service.admin('GET', `/api/tasks/${task.taskId}`)).body.status, 'closed')
  const pending = (await service.admin('GET', '/api/reviews?kind=completion')).body.items as { task: { id: number } }[]
  t.notOk(pending.some((i) => i.task.id === task.taskId), 'and it has left 审核')

  // 经过 speaks the console's words, not the API's English log (the API's action and status codes, 'reported for').
  const timeline = page.getByRole('region', { name: '经过' })
  await t.resolves(timeline.getByText('审核通过（申请办结 → 已销号）').waitFor(), '经过 names the step and the statuses in Chinese')
  t.ok(await timeline.getByText(/填报 \d{4}-\d{2} 进展：完成 100%/).first().isVisible(), 'and the report with its period and percent')
  t.notMatch(await timeline.textContent(), /\b(dispatch|acknowledge|report|reported|request-completion|accept|return|draft|dispatched|acknowledged|in_progress|completion_requested|closed)\b/, 'no English left in 经过')
})
