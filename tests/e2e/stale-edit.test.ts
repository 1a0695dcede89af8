// Editing a task someone else changed meanwhile: the API answers 412 (If-Match) and the console offers to reload.
import t from 'tap'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { dispatchedTask } from '../fixtures/e2e/tasks.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'
import { checkA11y } from '../fixtures/e2e/axe.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('a stale edit says someone else changed the task and reloads it', async (t) => {
  const task = await dispatchedTask(service, '原来的标题')
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  await page.goto(`/tasks/${task.taskId}`)
  await page.getByRole('heading', { name: /原来的标题/ }).waitFor()

  t.equal((await service.admin('PATCH', `/api/tasks/${task.taskId}`, { title: '别人改过的标题' })).status, 200, 'someone else edits it')

  await page.getByRole('button', { name: '编辑' }).click()
  await page.getByLabel('任务名称').fill('我的标题')
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${task.taskId}`) && r.request().method() === 'PATCH')
  await page.getByRole('dialog', { name: '编辑任务' }).getByRole('button', { name: '保存' }).click()
  t.equal((await answered).status(), 412, 'the API refuses the stale copy')
  const box = page.getByRole('dialog', { name: '任务已被他人修改' })
  await t.resolves(box.waitFor(), 'the console says someone else changed it')
  await checkA11y(t, page, '任务已被他人修改 (dialog)')
  await box.getByRole('button', { name: '重新加载' }).click()
  await t.resolves(page.getByRole('heading', { name: /别人改过的标题/ }).waitFor(), 'and shows the task as it is now')
  t.equal((await service.admin('GET', `/api/tasks/${task.taskId}`)).body.title, '别人改过的标题', 'nothing was overwritten')
})
