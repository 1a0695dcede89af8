// 导入计划 through the console: upload the 北票 plan's text, read the dry run's preview, 确认导入, see its 25 tasks
// on the board; importing it again shows that it would update the plan, not create another.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { seedPlanFile } from '../fixtures/e2e/plans.js'
import { planFilePath } from '../fixtures/plan-files/load.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('the office imports the 北票 plan from its .txt and sees its 25 tasks', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  await page.goto('/plans/import')
  await page.getByLabel(/选择文件/).setInputFiles(seedPlanFile('beipiao-2021-plan'))
  await t.resolves(page.waitForFunction(() => (document.querySelector('#import-text') as HTMLTextAreaElement | null)?.value.includes('北票市城市更新五年行动计划')), 'the file’s text is shown')
  await page.getByRole('button', { name: '预览' }).click()
  const count = page.getByTestId('parsed-task-count')
  await count.waitFor()
  t.equal(await count.textContent(), '25', 'the preview counts 25 tasks')
  t.match(await page.getByTestId('import-counts').textContent(), /任务 25 项/, 'all 25 would be new')
  t.ok(await page.getByRole('heading', { name: /北票市城市更新五年行动计划/ }).isVisible(), 'the plan’s title')
  await checkA11y(t, page, '导入计划 (preview)')

  await page.getByRole('button', { name: '确认导入' }).click()
  await page.waitForURL(/\/plans\/\d+\/board$/)
  const rows = page.getByTestId('board').locator('tbody tr')
  await rows.first().waitFor()
  t.equal(await rows.count(), 25, 'the board lists the 25 tasks')
  await checkA11y(t, page, '任务台账')

  await page.reload()
  await rows.first().waitFor()
  t.equal(await rows.count(), 25, 'the board’s URL reloads')

  await page.goto('/plans/import')
  await page.getByLabel(/选择文件/).setInputFiles(seedPlanFile('beipiao-2021-plan'))
  await page.getByRole('button', { name: '预览' }).click()
  await page.getByTestId('import-counts').waitFor()
  t.ok(await page.getByText('该计划已导入过：确认导入将更新它').isVisible(), 're-import says it updates the plan')
  t.match(await page.getByTestId('import-counts').textContent(), /新增：专项行动 0 个，任务 0 项/, 'and creates no task')
})

t.test('the office imports the 安福 plan from its printed PDF as received', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  await page.goto('/plans/import')
  await page.getByLabel(/选择文件/).setInputFiles(planFilePath('anfu-2021-plan.pdf'))
  t.match(await page.getByTestId('import-document').textContent(), /anfu-2021-plan\.pdf/, 'the chosen file is named')
  await page.getByRole('button', { name: '预览' }).click()
  const count = page.getByTestId('parsed-task-count')
  await count.waitFor()
  t.ok(Number(await count.textContent()) > 0, `the server read the PDF into ${await count.textContent()} tasks`)
  await checkA11y(t, page, '导入计划 (PDF preview)')
  await page.getByRole('button', { name: '确认导入' }).click()
  await page.waitForURL(/\/plans\/\d+\/board$/)
  await page.getByTestId('board').locator('tbody tr').first().waitFor()
  t.pass('the imported plan’s board opens')
})
