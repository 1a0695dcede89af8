// A user's first sign-in: the initial password must be changed before anything else; the rules' problem shows
// beside the field; afterwards the user lands on their role's page.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('sign in with the initial password, change it (a weak one is refused beside the field), land on 任务台账', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { page } = await openPage(t, browser, service.baseURL)
  await page.goto('/')
  await page.waitForURL(/\/login/)
  await page.getByLabel('登录名').fill(clerk.login)
  await page.getByLabel('密码', { exact: true }).fill(clerk.password)
  await page.getByRole('button', { name: '登录' }).click()
  await t.resolves(page.getByRole('heading', { name: '首次登录或密码已过期，请修改密码' }).waitFor(), 'the password step comes first')
  await checkA11y(t, page, '修改密码 (first sign-in)')

  t.equal((await page.request.get('/api/plans?limit=1')).status(), 403, 'the API refuses everything else until the password is changed')

  await page.getByLabel('当前密码').fill(clerk.password)
  await page.getByLabel('新密码', { exact: true }).fill(`${clerk.login}Aa1!`)
  await page.getByLabel('再次输入新密码').fill(`${clerk.login}Aa1!`)
  await page.getByRole('button', { name: '修改密码' }).click()
  const fieldError = page.locator('.el-form-item', { has: page.getByLabel('新密码', { exact: true }) }).locator('.el-form-item__error')
  await t.resolves(fieldError.waitFor(), 'a password containing the login is refused, beside the field')
  t.match(await fieldError.textContent(), /\S/, `the rule is named: ${await fieldError.textContent()}`)

  const next = 'Xin-Mima-2026'
  await page.getByLabel('新密码', { exact: true }).fill(next)
  await page.getByLabel('再次输入新密码').fill(next)
  await page.getByRole('button', { name: '修改密码' }).click()
  await page.waitForURL(/\/board$/)
  t.pass('the office lands on 任务台账')
  await t.resolves(page.getByText('还没有计划').waitFor(), 'with no plan yet, it says so')
  await checkA11y(t, page, '任务台账 (empty)')
})
