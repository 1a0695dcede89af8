// Select many tasks on the board and 交办 them: each task reports its own outcome.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { importBeipiao } from '../fixtures/e2e/plans.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)
const planId = await importBeipiao(service)

t.test('bulk 交办: two drafts are dispatched, an already dispatched one says why not', async (t) => {
  const tasks = (await service.admin('GET', `/api/tasks?planId=${planId}&limit=3`)).body.items as { id: number; number: string }[]
  await service.admin('POST', `/api/tasks/${tasks[2]!.id}/dispatch`, {})
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  await page.goto(`/plans/${planId}/board`)
  const rows = page.getByTestId('board').locator('tbody tr')
  await rows.first().waitFor()
  for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check()
  await page.getByRole('button', { name: '交办（3）' }).click()
  await checkA11y(t, page, '交办 (dialog)')
  await page.getByRole('button', { name: '确定交办' }).click()
  const outcomes = page.getByTestId('bulk-outcomes')
  await page.getByRole('button', { name: '关闭', exact: true }).waitFor()
  t.equal(await outcomes.getByText('✓ 已交办').count(), 2, 'two dispatched')
  t.equal(await outcomes.locator('.failed').count(), 1, 'one refused, with the API’s reason')
  for (const task of tasks.slice(0, 2)) {
    t.equal((await service.admin('GET', `/api/tasks/${task.id}`)).body.status, 'dispatched', `task ${task.number} is 已交办`)
  }
  await page.getByRole('button', { name: '关闭', exact: true }).click()
  t.equal(await page.getByTestId('board').locator('tbody tr', { hasText: '已交办' }).count(), 3, 'the board shows them 已交办')
})
