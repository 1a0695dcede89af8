// The office's other pages, each used once and axe-checked: 单位与用户, 计划 (create), 调度与通报 (generate, read
// on the page).
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { importBeipiao } from '../fixtures/e2e/plans.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)
await importBeipiao(service)

t.test('the admin sees the units, creates a plan and reads a monthly dispatch', async (t) => {
  const admin = await createPerson(service, 'admin')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, admin)

  await page.goto('/')
  await page.waitForURL(/\/units$/)
  await t.resolves(page.getByRole('cell', { name: '市住建局' }).first().waitFor(), 'the admin lands on 单位与用户, listing the imported units')
  await checkA11y(t, page, '单位与用户')

  await service.admin('POST', '/api/units', { name: '市发改委' })
  await service.admin('POST', '/api/units', { name: '市发改局' })
  await page.reload()
  const suggestion = page.getByTestId('merge-suggestion').filter({ hasText: '市发改局' })
  await t.resolves(suggestion.waitFor(), 'close names are listed as a merge suggestion')
  await checkA11y(t, page, '单位与用户 (suggestions)')
  await suggestion.getByRole('button').click()
  const unitDialog = page.getByRole('dialog', { name: '编辑单位' })
  t.match(await unitDialog.getByLabel(/别名/).inputValue(), /市发改局/, 'the other spelling is offered as an alias')
  await unitDialog.getByRole('button', { name: '保存' }).click()
  await t.resolves(suggestion.waitFor({ state: 'detached' }), 'saved as an alias, the suggestion is settled')

  await page.goto('/plans')
  await page.getByRole('button', { name: '新建计划' }).click()
  const planDialog = page.getByRole('dialog', { name: '新建计划' })
  await planDialog.getByLabel('计划名称').fill('测试区城市更新三年行动计划')
  await checkA11y(t, page, '新建计划 (dialog)')
  await planDialog.getByRole('button', { name: '保存' }).click()
  await t.resolves(page.getByRole('link', { name: '测试区城市更新三年行动计划' }).waitFor(), 'the new plan is listed')

  await page.goto('/summaries')
  await page.getByLabel('期间').fill('2026-10')
  await page.getByRole('button', { name: '生成' }).click()
  const doc = page.locator('article.summary-document h1')
  await t.resolves(doc.waitFor(), 'the monthly dispatch is read on the page')
  t.match(await doc.textContent(), /2026年10月调度情况/, 'of the month asked for')
  t.match(page.url(), /summary=\d+/, 'the summary read is in the URL')
  await checkA11y(t, page, '调度与通报')
})
