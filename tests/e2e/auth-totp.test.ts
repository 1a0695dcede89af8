// Enrolling a TOTP authenticator on 修改密码 (the account page) and signing in with it. The codes are computed here
// with otpauth, the library the API checks them with.
import { Secret, TOTP } from 'otpauth'
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)
const codeAt = (secret: string, at: number) => TOTP.generate({ secret: Secret.fromBase32(secret), period: 30, timestamp: at })

t.test('enrol TOTP, see the recovery codes once, sign out, sign in with password and a code', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  await page.goto('/account')
  await page.getByRole('button', { name: '启用动态口令' }).click()
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim()
  t.ok(await page.getByRole('img', { name: '动态口令二维码' }).isVisible(), 'the QR code is shown')
  await checkA11y(t, page, '动态口令 (enrolment)')
  await page.getByRole('textbox', { name: '动态口令', exact: true }).fill(codeAt(secret, Date.now()))
  await page.getByRole('button', { name: '启用动态口令' }).click()
  const codes = page.getByTestId('recovery-codes').locator('li')
  await codes.first().waitFor()
  t.equal(await codes.count(), 10, 'ten recovery codes')
  await page.getByRole('button', { name: '我已保存，继续' }).click()
  await t.resolves(page.getByText('已启用动态口令。').waitFor(), 'the account shows TOTP on')

  await page.getByRole('button', { name: '退出' }).click()
  await page.waitForURL(/\/login/)
  await page.getByLabel('登录名').fill(clerk.login)
  await page.getByLabel('密码', { exact: true }).fill(clerk.password)
  await page.getByRole('button', { name: '登录' }).click()
  const totp = page.getByLabel('动态口令（或恢复码）')
  await t.resolves(totp.waitFor(), 'the password alone is not enough: a code is asked for')
  await totp.fill('000000')
  await page.getByRole('button', { name: '登录' }).click()
  await t.resolves(page.getByRole('alert').waitFor(), 'a wrong code is refused')
  // The enrolment used this time step; the next one (accepted within one step of drift) signs in.
  await totp.fill(codeAt(secret, Date.now() + 30_000))
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/board$/)
  t.pass('signed in with password and TOTP')
})
