// The rest of the office's and the admin's pages, each used once and axe-checked: 计划 (create), 单位与用户,
// 用户 (create with login and initial password), 工作日历 (a bad date is named beside the field), 调度与通报
// (generate, read on the page).
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { importBeipiao } from '../fixtures/e2e/plans.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)
await importBeipiao(service)

t.test('the admin creates a plan, a user and a calendar day, and reads a monthly dispatch', async (t) => {
  const admin = await createPerson(service, 'admin')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, admin)

  await page.goto('/')
  await page.waitForURL(/\/units$/)
  await t.resolves(page.getByRole('cell', { name: '市住建局' }).first().waitFor(), 'the admin lands on 单位与用户, listing the imported units')
  await checkA11y(t, page, '单位与用户')

  await page.goto('/plans')
  await page.getByRole('button', { name: '新建计划' }).click()
  const planDialog = page.getByRole('dialog', { name: '新建计划' })
  await planDialog.getByLabel('计划名称').fill('测试区城市更新三年行动计划')
  await checkA11y(t, page, '新建计划 (dialog)')
  await planDialog.getByRole('button', { name: '保存' }).click()
  await t.resolves(page.getByRole('link', { name: '测试区城市更新三年行动计划' }).waitFor(), 'the new plan is listed')

  await page.goto('/users')
  await page.getByRole('button', { name: '新增用户' }).click()
  const userDialog = page.getByRole('dialog', { name: '新增用户' })
  await userDialog.getByLabel('姓名').fill('赵科长')
  await userDialog.getByLabel('登录名').fill(`zhao.${process.pid}`)
  await userDialog.getByLabel('初始密码').fill('Chushi-Mima-1')
  await checkA11y(t, page, '新增用户 (dialog)')
  await userDialog.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name: '角色' }) }).click()
  await page.getByRole('option', { name: '领导小组办公室' }).click()
  await userDialog.getByRole('button', { name: '保存' }).click()
  await t.resolves(page.getByRole('cell', { name: `zhao.${process.pid}` }).waitFor(), 'the user is listed with its login')
  await checkA11y(t, page, '用户')

  await page.goto('/calendar')
  await page.getByLabel('日期').fill('2026-02-30')
  await page.getByRole('button', { name: '添加' }).click()
  await t.resolves(page.locator('.el-form-item__error').first().waitFor(), 'an impossible date is named beside the field')
  await page.getByLabel('日期').fill('2026-12-31')
  await page.getByLabel('说明').fill('本地安排')
  await page.getByRole('button', { name: '添加' }).click()
  await t.resolves(page.getByRole('cell', { name: '本地安排' }).waitFor(), 'the day is listed')
  await checkA11y(t, page, '工作日历')

  await page.goto('/summaries')
  await page.getByLabel('期间').fill('2026-10')
  await page.getByRole('button', { name: '生成' }).click()
  const doc = page.frameLocator('iframe[title*="调度情况"]').locator('h1')
  await t.resolves(doc.waitFor(), 'the monthly dispatch is read on the page')
  t.match(await doc.textContent(), /2026年10月调度情况/, 'of the month asked for')
  t.match(page.url(), /summary=\d+/, 'the summary read is in the URL')
  await checkA11y(t, page, '调度与通报')
})
