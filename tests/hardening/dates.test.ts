import t from 'tap'
import { createCalendar } from '../../src/domain/calendar.js'
import { addDays, isDomainDate, isDomainMonth } from '../../src/domain/dates.js'
import { lightClock } from '../../src/domain/lights.js'
import { deadlinesWithReminderDue } from '../../src/domain/reminders.js'
import { parsePeriod } from '../../src/domain/summaries/period.js'
import { as, createTestApp, seedPlanWithTask } from '../fixtures/harness.js'

const IMPOSSIBLE = ['2026-02-30', '2026-13-45', '2026-00-10', '0000-00-00', '9999-99-99', '9999-12-31', '1999-12-31', '2101-01-01', '2026-2-3', ' 2026-01-01']

t.test('domain dates: real days in 2000–2100, arithmetic that cannot leave the calendar', async (t) => {
  for (const d of IMPOSSIBLE) t.notOk(isDomainDate(d), d)
  for (const d of ['2000-01-01', '2024-02-29', '2100-12-31']) t.ok(isDomainDate(d), d)
  t.notOk(isDomainMonth('2026-13'))
  t.notOk(isDomainMonth('9999-12'))
  t.ok(isDomainMonth('2026-06'))
  t.throws(() => addDays('9999-12-31', 1), { name: 'DateRangeError' }, 'past year 9999 is an error, not +010000')
  t.equal(parsePeriod('monthly', '9999-12'), null)
  t.equal(parsePeriod('quarterly', '1999-Q4'), null)
  t.ok(parsePeriod('annual', '2100'))
})

t.test('every loop over days ends: a calendar with no working day, far-apart dates', async (t) => {
  const noWorkdays = createCalendar()
  const allHoliday = createCalendar(new Map(Array.from({ length: 800 }, (_, i) => [addDays('2030-01-01', i), 'holiday' as const])))
  t.throws(() => allHoliday.addWorkingDays('2030-06-01', 1), { name: 'DateRangeError' }, 'a year of holidays stops the walk')
  t.throws(() => allHoliday.firstWorkingDayOnOrAfter('2030-06-01'), { name: 'DateRangeError' })
  t.throws(() => noWorkdays.addWorkingDays('2026-01-01', 1e9), { name: 'DateRangeError' }, 'a billion working days is refused, not walked')
  t.throws(() => deadlinesWithReminderDue('2030-06-01', [5, 1], { ...allHoliday, nthWorkingDayOnOrBefore: () => '2000-01-01' }), { name: 'DateRangeError' })
  const clock = lightClock('2100-12-31', noWorkdays)
  t.ok(clock.overdueDays('2000-01-01') > 20000, 'the widest span in range is counted')
  t.throws(() => noWorkdays.workingDaysBetween('0001-01-01', '9999-12-31'), { name: 'DateRangeError' })
})

t.test('impossible dates are 400 problems naming the field, on create and patch, on every route taking a date', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const admin = as(ctx.app, ctx.actors.admin)
  const { planId, taskId } = await seedPlanWithTask(ctx)
  const etag = `"${taskId}-1"`
  const cases: [string, () => Promise<{ status: number; body: any; headers: any }>, string][] = []
  for (const d of IMPOSSIBLE) {
    cases.push(
      ['plan issuedOn', () => office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2027, issuedOn: d }), 'issuedOn'],
      ['plan patch issuedOn', () => office.patch(`/api/plans/${planId}`, { issuedOn: d }), 'issuedOn'],
      ['task deadline', () => office.post(`/api/plans/${planId}/tasks`, { number: `x${d}`, title: 't', leadUnitIds: [ctx.unitA], deadline: d }), 'deadline'],
      ['target dueOn', () => office.post(`/api/plans/${planId}/tasks`, { number: `y${d}`, title: 't', leadUnitIds: [ctx.unitA], targets: [{ year: 2026, description: 'd', dueOn: d }] }), 'targets/0/dueOn'],
      ['task patch deadline', () => office.patch(`/api/tasks/${taskId}`, { deadline: d }, { 'if-match': etag }), 'deadline'],
      ['task list deadlineFrom', () => office.get(`/api/tasks?deadlineFrom=${encodeURIComponent(d)}`), 'deadlineFrom'],
      ['calendar override', () => admin.put('/api/calendar/overrides', { overrides: [{ date: d, kind: 'holiday' }] }), 'overrides/0/date'],
      ['calendar delete', () => admin.delete(`/api/calendar/overrides?date=${encodeURIComponent(d)}`), 'date'],
      ['daily scan asOf', () => admin.post('/api/admin/jobs/daily-scan', { asOf: d }), 'asOf'],
      ['summary job asOf', () => admin.post('/api/admin/jobs/monthly-summary', { asOf: d }), 'asOf'],
      ['extension newDeadline', () => as(ctx.app, ctx.actors.unitA).post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: d, reason: 'r' }), 'newDeadline'],
    )
  }
  for (const [name, call, field] of cases) {
    const res = await call()
    t.equal(res.status, 400, `${name} ${res.body?.instance ?? ''}`)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.ok((res.body.errors ?? []).some((e: { field: string }) => e.field === field), `${name} names ${field}: ${JSON.stringify(res.body.errors)}`)
  }
  const stored = await office.get(`/api/tasks/${taskId}`)
  t.equal(stored.body.deadline, '2026-12-31', 'nothing impossible was stored')
  const detail = (await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2027, issuedOn: '2026-02-30' })).body.errors[0].detail
  t.match(detail, /real calendar date.*2000-01-01.*2100-12-31/)

  for (const period of ['2026-13', '0000-01', '9999-12']) {
    const res = await as(ctx.app, ctx.actors.unitA).post(`/api/tasks/${taskId}/reports`, { period, progress: 'p', percent: 1, targetValues: [] })
    t.equal(res.status, 400, `report period ${period}`)
    t.equal(res.body.errors[0].field, 'period')
  }
  for (const [kind, period] of [['monthly', '9999-12'], ['quarterly', '0000-Q1'], ['annual', '9999']]) {
    const res = await office.post('/api/summaries', { kind, planId, period })
    t.equal(res.status, 400, `summary ${kind} ${period}`)
    t.equal(res.body.errors[0].field, 'period')
  }
  const early = await admin.post('/api/admin/jobs/annual-summary', { asOf: '2000-06-01' })
  t.equal(early.status, 400, 'a job summarising 1999 is refused up front')
  t.equal(early.body.errors[0].field, 'asOf')
  t.equal((await office.post('/api/plans', { title: 'q', startYear: 2026, endYear: 2027, issuedOn: '2024-02-29' })).status, 201, 'a leap day is a date')
})

t.test('numbers that are not numbers are 400 naming the field', async (t) => {
  const ctx = await createTestApp(t)
  const admin = as(ctx.app, ctx.actors.admin)
  const { planId, taskId } = await seedPlanWithTask(ctx)
  const lists = ['/api/units', '/api/users', '/api/plans', '/api/audit', '/api/tasks', `/api/tasks/${taskId}/reports`, '/api/escalations', '/api/notifications', '/api/summaries', `/api/plans/${planId}/progress`]
  for (const url of lists) {
    for (const v of ['Infinity', '-Infinity', '1e400', '-1e400', 'NaN', '99999999999']) {
      const res = await admin.get(`${url}?limit=${v}`)
      t.equal(res.status, 400, `${url}?limit=${v}`)
      t.match(res.headers['content-type'], /application\/problem\+json/)
      t.equal(res.body.errors?.[0]?.field, 'limit', `${url}?limit=${v} names limit`)
    }
  }
  for (const url of [`/api/units/${ctx.unitA}/scorecard?planId=1e400`, `/api/plans/${planId}/progress?year=1e400`, `/api/plans/${planId}/progress?year=Infinity`, '/api/tasks?planId=1e400', '/api/tasks?unitId=Infinity', '/api/escalations?taskId=1e400']) {
    const res = await admin.get(url)
    t.equal(res.status, 400, url)
    t.match(res.body.errors?.[0]?.field, /planId|year|unitId|taskId/, url)
  }
  const big = await admin.get('/api/units/1e400')
  t.equal(big.status, 400, 'an id of 1e400 in the path')
  const body = await ctx.app.inject({ method: 'POST', url: `/api/plans/${planId}/tasks`, headers: { authorization: `Bearer ${ctx.actors.office.token}`, 'content-type': 'application/json' },
    payload: `{"number":"9","title":"t","leadUnitIds":[${ctx.unitA}],"targets":[{"year":2026,"description":"d","value":1e400}]}` })
  t.equal(body.statusCode, 400, 'a JSON number that overflows')
  t.match(JSON.parse(body.body).errors[0].field, /targets\/0\/value/)
})

t.test('a job already queued with an impossible asOf fails once, without retries, instead of hanging the worker', async (t) => {
  const { UnrecoverableError } = await import('bullmq')
  const { jobDate } = await import('../../workers/processors/scheduled-date.js')
  const job = (asOf: string) => ({ data: { asOf }, timestamp: Date.now(), opts: {} }) as unknown as Parameters<typeof jobDate>[0]
  for (const asOf of ['9999-12-31', '0000-01-01', '2026-02-30']) t.throws(() => jobDate(job(asOf), () => '2026-11-20'), UnrecoverableError, asOf)
  t.equal(jobDate(job('2026-06-01'), () => '2026-11-20'), '2026-06-01')
})

t.test('npm run backup names its file in Shanghai time, whatever the machine zone', async (t) => {
  const { shanghaiDateTime } = await import('../../src/domain/dates.js')
  t.equal(shanghaiDateTime(new Date('2026-11-29T18:30:05Z')), '2026-11-30T02:30:05', 'past midnight in Shanghai is the next day')
  const { execFileSync } = await import('node:child_process')
  const fs = await import('node:fs')
  const os = await import('node:os')
  const path = await import('node:path')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-backup-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const { openDatabase } = await import('../../src/db/client.js')
  openDatabase(path.join(dir, 'duban.db')).$client.close()
  const before = shanghaiDateTime(new Date()).slice(0, 13)
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], { env: { ...process.env, DATA_DIR: dir, TZ: 'America/Los_Angeles' }, stdio: 'pipe' })
  const [name] = fs.readdirSync(path.join(dir, 'backups'))
  t.match(name, new RegExp(`^duban-${before.replace('T', '-')}-\\d{2}-\\d{2}$`), `${name} carries the Shanghai hour`)
})
