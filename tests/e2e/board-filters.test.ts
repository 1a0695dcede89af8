// 任务台账 filters: by light and by unit, each agreeing with the API's own answer, kept in the URL.
import type { Page } from 'playwright-core'
import t from 'tap'
import { checkA11y } from '../fixtures/e2e/axe.js'
import { launchBrowser, openPage } from '../fixtures/e2e/browser.js'
import { importBeipiao } from '../fixtures/e2e/plans.js'
import { startService } from '../fixtures/e2e/service.js'
import { createPerson, signInThroughApi } from '../fixtures/e2e/users.js'

const service = await startService(t)
const browser = await launchBrowser(t)
const planId = await importBeipiao(service)
// Give two tasks a deadline already past, so that the lights differ (红灯 for them).
const all = (await service.admin('GET', `/api/tasks?planId=${planId}&limit=50`)).body.items as { id: number; version: number }[]
for (const task of all.slice(0, 2)) await service.admin('PATCH', `/api/tasks/${task.id}`, { deadline: '2026-01-30' })
/** An Element Plus select, clicked where a person clicks it (its wrapper), found by its accessible name. */
const selectBox = (page: Page, name: string) => page.locator('.el-select__wrapper', { has: page.getByRole('combobox', { name, exact: true }) })
const count = async (query: string) => (await service.admin('GET', `/api/tasks?planId=${planId}&limit=50&${query}`)).body.items.length as number

t.test('filter the board by light and by unit', async (t) => {
  const clerk = await createPerson(service, 'office')
  const { context, page } = await openPage(t, browser, service.baseURL)
  await signInThroughApi(context, clerk)
  await page.goto(`/plans/${planId}/board`)
  const rows = page.getByTestId('board').locator('tbody tr')
  await rows.first().waitFor()
  t.equal(await rows.count(), 25)

  const reds = await count('light=red')
  // The 2021–2025 plan has ended, so a task without a deadline of its own is held to its end and lit red.
  t.ok(reds > 0 && reds <= 25, `the plan has ${reds} red tasks`)
  await selectBox(page, '亮灯').click()
  await page.getByRole('option', { name: '红灯' }).click()
  await page.waitForURL(/light=red/)
  await t.resolves(page.waitForFunction((n) => document.querySelectorAll('[data-testid=board] tbody tr').length === n, reds), 'only the red tasks remain')
  t.equal(await page.getByTestId('board').locator('tbody tr', { hasText: '红灯' }).count(), reds, 'each shows its light as a word')
  await checkA11y(t, page, '任务台账 (filtered)')

  await page.reload()
  await rows.first().waitFor()
  t.equal(await rows.count(), reds, 'the filter survives a reload (it is in the URL)')
  await page.goto(`/plans/${planId}/board`)
  await rows.nth(24).waitFor()

  const unit = (await service.admin('GET', '/api/units?q=' + encodeURIComponent('城乡管理局') + '&limit=5')).body.items[0] as { id: number; name: string }
  const ofUnit = await count(`unitId=${unit.id}`)
  t.ok(ofUnit > 0 && ofUnit < 25, `${unit.name} has ${ofUnit} tasks`)
  await selectBox(page, '单位').click()
  await page.getByRole('combobox', { name: '单位', exact: true }).fill('城乡管理局')
  await page.getByRole('option', { name: unit.name }).click()
  await page.waitForURL(new RegExp(`unit=${unit.id}`))
  await t.resolves(page.waitForFunction((n) => document.querySelectorAll('[data-testid=board] tbody tr').length === n, ofUnit), 'only that unit’s tasks remain')
})
