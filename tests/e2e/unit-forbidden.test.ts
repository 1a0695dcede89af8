// A unit user cannot open the office's pages (a polite 无权访问) and the API refuses the office's calls.
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, createUnit, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)

t.test('office pages show 无权访问 to a unit user; the API says 403', async (t) => {
  const unitId = await createUnit(service, '市城管局')
  const clerk = await createPerson(service, 'unit', { unitId })
  const { context, page } = await openPage(t, browser, service.baseURL)
  const csrf = await signInThroughApi(context, clerk)
  for (const url of ['/plans', '/plans/import', '/board', '/plans/1/board', '/tasks/1', '/units', '/summaries', '/users', '/calendar']) {
    await page.goto(url)
    await t.resolves(page.getByText('无权访问').first().waitFor(), `${url}: 无权访问`)
  }
  await checkA11y(t, page, '无权访问')
  const headers = { 'x-csrf-token': csrf }
  t.equal((await page.request.post('/api/plans', { data: { title: 'x', startYear: 2026, endYear: 2026 }, headers })).status(), 403, 'creating a plan')
  t.equal((await page.request.post('/api/imports/plan-text', { data: { text: 'x', dryRun: true }, headers })).status(), 403, 'importing')
  t.equal((await page.request.get('/api/users?limit=5')).status(), 403, 'listing users')
})
