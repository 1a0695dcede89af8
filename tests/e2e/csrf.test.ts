// A write made with the session cookie but without X-CSRF-Token is refused; the console's own writes send it.
import t from 'tap'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('a cookie write without the CSRF header is 403; with it, it works', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  const csrf = await signInThroughApi(context, clerk)
  const body = { data: { title: '测试计划', startYear: 2026, endYear: 2027 } }
  const refused = await page.request.post('/api/plans', body)
  t.equal(refused.status(), 403)
  t.equal((await refused.json()).code, 'csrf', 'the problem says why')
  const forged = await page.request.post('/api/plans', { ...body, headers: { 'x-csrf-token': 'not-the-token' } })
  t.equal(forged.status(), 403, 'a wrong token is refused too')
  const ok = await page.request.post('/api/plans', { ...body, headers: { 'x-csrf-token': csrf } })
  t.equal(ok.status(), 201, 'with the session’s token the write is done')
})
