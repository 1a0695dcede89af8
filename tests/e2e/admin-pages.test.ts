// The admin's pages, each used once and axe-checked: 用户 (create with login and initial password) and 工作日历
// (an impossible date is named beside the field).
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('the admin creates a user and a calendar day', async (t) => {
  const admin = await createPerson(service, 'admin')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, admin)

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
})
