// Government intranets (政务内网) have no way out: the console, Swagger UI and every page the admin opens load
// nothing from another origin. Chromium reports every request it makes; all must go to the service itself.
import t from 'tap'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('every request of the console and the API docs goes to the service itself', async (t) => {
  const admin = await createPerson(service, 'admin')
  const { context, page } = await openPage(t, browser, service.baseURL)
  const own = new URL(service.baseURL).origin
  const requested: string[] = []
  context.on('request', (request) => requested.push(request.url()))
  await signInThroughApi(context, admin)
  for (const path of ['/login', '/units', '/plans', '/plans/import', '/board', '/summaries', '/users', '/calendar', '/desk', '/dashboard', '/instructions', '/docs/']) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
  }
  const outside = requested.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own)
  t.ok(requested.length > 20, `${requested.length} requests were seen`)
  t.same(outside, [], 'none went anywhere else')
})
