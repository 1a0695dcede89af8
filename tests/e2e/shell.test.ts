// The console's shell: sign in on the page, the top bar and the role's navigation, reload keeps the page, sign out.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage, PHONE } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, createUnit, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('an office clerk signs in, sees the navigation of the office, reloads a page and signs out', async (t) => {
  const clerk = await createPerson(service, 'office', { name: '王办事' })
  // The first sign-in's password change is another test's subject; this one starts with a changed password.
  const setup = await openPage(t, browser, service.baseURL)
  await signInThroughApi(setup.context, clerk)

  const { page } = await openPage(t, browser, service.baseURL)
  await page.goto('/plans')
  await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("redirect") === "/plans")
  await checkA11y(t, page, '登录')
  await page.getByLabel('登录名').fill(clerk.login)
  await page.getByLabel('密码', { exact: true }).fill(clerk.password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/plans$/)

  const who = page.getByTestId('who')
  await t.resolves(who.getByText('王办事').waitFor(), 'the top bar names the user')
  t.ok(await who.getByText('领导小组办公室').isVisible(), 'and the role')
  const nav = page.getByRole('navigation', { name: '主导航' })
  for (const name of ['计划', '导入计划', '任务台账', '审核', '单位与用户', '调度与通报']) t.ok(await nav.getByRole('link', { name, exact: true }).isVisible(), `the office sees ${name}`)
  for (const name of ['用户', '工作日历']) t.equal(await nav.getByRole('link', { name, exact: true }).count(), 0, `but not the admin’s ${name}`)
  await checkA11y(t, page, '计划')

  await page.reload()
  await t.resolves(page.getByRole('heading', { name: '计划' }).waitFor(), 'a reload stays on the page, signed in')

  await page.getByRole('button', { name: '退出' }).click()
  await page.waitForURL(/\/login/)
  const after = await page.request.get('/api/session')
  t.equal(after.status(), 401, 'the session ended on the server')
  await page.goto('/plans')
  await page.waitForURL(/\/login/)
  t.pass('a page needs signing in again')
})

t.test('a unit user sees the shell on a phone, without the office pages', async (t) => {
  const unitId = await createUnit(service, '市住建局')
  const clerk = await createPerson(service, 'unit', { unitId, name: '李填报' })
  const { context, page } = await openPage(t, browser, service.baseURL, PHONE)
  await signInThroughApi(context, clerk)
  await page.goto('/account')
  await t.resolves(page.getByRole('heading', { name: '修改密码' }).waitFor(), 'the account page opens')
  t.ok(await page.getByTestId('who').getByText('李填报').isVisible(), 'the name fits a 390-px top bar')
  await page.getByRole('button', { name: '打开导航' }).click()
  t.equal(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '计划', exact: true }).count(), 0, 'no office pages in a unit user’s navigation')
  await checkA11y(t, page, '修改密码 (phone)')
})
