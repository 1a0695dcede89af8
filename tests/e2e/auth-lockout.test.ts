// Five wrong passwords lock the account for 15 minutes; an unknown login gets the very same answer as a wrong password.
import t from 'tap'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)
const WRONG = '登录名或密码错误'

t.test('five failures lock the account; an unknown login reads the same as a wrong password', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { page } = await openPage(t, browser, service.baseURL)
  await page.goto('/login')
  const attempt = async (login: string, password: string) => {
    await page.getByLabel('登录名').fill(login)
    await page.getByLabel('密码', { exact: true }).fill(password)
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST')
    await page.getByRole('button', { name: '登录' }).click()
    await answered
    return (await page.getByRole('alert').textContent())?.trim()
  }
  t.equal(await attempt('nobody.here', 'Whatever-123'), WRONG, 'unknown login')
  for (let i = 1; i <= 5; i++) t.equal(await attempt(clerk.login, `Wrong-${i}-pass`), WRONG, `wrong password ${i}`)
  t.equal(await attempt(clerk.login, clerk.password), '账号已锁定，请15分钟后再试', 'then even the right password meets the lock')
  t.equal(await attempt('nobody.here', 'Whatever-123'), WRONG, 'an unknown login still reads the same')
})
