// Lights that tell the whole truth over the API: the `light` and `overdue` filters of GET /api/tasks agree
// with every task's reasons after writes, calendar changes, plan settings and time travel, scan or no scan.
import t from 'tap'
import { createEscalationsRepository } from '../src/repositories/escalations.js'
import { createNotificationsRepository } from '../src/repositories/notifications.js'
import { runDailyScan } from '../workers/daily-scan.js'
import { as, createTestApp, type TestContext } from './fixtures/harness.js'

interface Reason { kind: string; [k: string]: unknown }
interface TaskBody { id: number; number: string; light: string; lightReasons: Reason[]; deadlineSource: string; effectiveDeadline: string }

t.test('the light filter matches the reasons after writes, calendar changes and time travel', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-09-01' })
  const office = as(ctx.app, ctx.actors.office)
  const admin = as(ctx.app, ctx.actors.admin)
  const lead = as(ctx.app, ctx.actors.unitA)
  const plan = (await office.post('/api/plans', { title: '城市更新', docNumber: '灯〔2026〕1号', startYear: 2026, endYear: 2027, reportingDay: 25 })).body
  const mk = async (number: string, extra: Record<string, unknown>) => {
    const res = await office.post(`/api/plans/${plan.id}/tasks`, { number, title: `任务${number}`, leadUnitIds: [ctx.unitA], ...extra })
    t.equal(res.status, 201)
    return res.body as TaskBody & { targets: { id: number }[] }
  }
  const a = await mk('1', { deadline: '2026-10-12' })
  const b = await mk('2', { targets: [{ year: 2026, description: '改造100个', value: 100, measure: '个' }] })
  const c = await mk('3', {})
  t.match(b, { deadlineSource: 'target', effectiveDeadline: '2026-12-31' }, 'held to its target')
  t.match(c, { deadlineSource: 'plan', effectiveDeadline: '2027-12-31', light: 'green' }, 'held to the plan’s end')
  for (const x of [a, b, c]) {
    t.equal((await office.post(`/api/tasks/${x.id}/dispatch`, {})).status, 200)
    t.equal((await lead.post(`/api/tasks/${x.id}/acknowledge`, {})).status, 200)
  }
  const report = (id: number, period: string, targetValues: { targetId: number; actual: number }[] = []) =>
    lead.post(`/api/tasks/${id}/reports`, { period, progress: '推进中', percent: 30, targetValues })
  t.equal((await report(b.id, '2026-09', [{ targetId: b.targets[0]!.id, actual: 70 }])).status, 201)

  const get = async (id: number) => (await office.get(`/api/tasks/${id}`)).body as TaskBody
  /** Each task's light and reason kinds, checked against what the list's filters say. */
  async function state(label: string): Promise<Record<string, [string, string[]]>> {
    const tasks = await Promise.all([a, b, c].map((x) => get(x.id)))
    for (const light of ['green', 'yellow', 'red']) {
      const listed = (await office.get(`/api/tasks?planId=${plan.id}&light=${light}`)).body.items.map((x: TaskBody) => x.number)
      t.same(listed, tasks.filter((x) => x.light === light).map((x) => x.number), `${label}: light=${light} lists exactly the tasks showing it`)
    }
    const overdue = (await office.get(`/api/tasks?planId=${plan.id}&overdue=true`)).body.items.map((x: TaskBody) => x.number)
    t.same(overdue, tasks.filter((x) => x.lightReasons.some((r) => r.kind === 'overdue')).map((x) => x.number), `${label}: overdue=true lists the overdue reasons`)
    for (const x of tasks) {
      const red = x.lightReasons.some((r) => r.kind === 'overdue' || r.kind === 'target_overdue')
      t.equal(x.light, red ? 'red' : x.lightReasons.length ? 'yellow' : 'green', `${label}: task ${x.number}'s light follows its reasons`)
    }
    return Object.fromEntries(tasks.map((x) => [x.number, [x.light, x.lightReasons.map((r) => r.kind)]]))
  }

  t.same(await state('1 Sep'), { 1: ['green', []], 2: ['green', []], 3: ['green', []] })

  // Time travel with no scan: the stored lights reached their day and are recomputed on read.
  ctx.setNow('2026-09-29')
  t.same(await state('29 Sep'), { 1: ['yellow', ['due_soon']], 2: ['green', []], 3: ['green', []] }, 'the window opens on the sixth working day before 12 Oct')
  t.same((await get(a.id)).lightReasons, [{ kind: 'due_soon', deadline: '2026-10-12', days: 5 }], '30 Sep, 8, 9, 10 (make-up) and 12 Oct')

  ctx.setNow('2026-09-28')
  const override = await admin.put('/api/calendar/overrides', { overrides: [{ date: '2026-09-30', kind: 'holiday', note: '测试' }] })
  t.equal(override.status, 200)
  t.same((await state('28 Sep, 30 Sep off'))['1'], ['yellow', ['due_soon']], 'a calendar change recomputes: yellow a day earlier')
  t.same((await get(a.id)).lightReasons, [{ kind: 'due_soon', deadline: '2026-10-12', days: 5 }], '29 Sep, 8, 9, 10 and 12 Oct')
  await admin.put('/api/calendar/overrides', { overrides: [{ date: '2026-09-30', kind: 'workday', note: '恢复' }] })
  t.same((await state('28 Sep, restored'))['1'], ['green', []])

  ctx.setNow('2026-10-13')
  t.same(await state('13 Oct'), { 1: ['red', ['overdue']], 2: ['green', []], 3: ['green', []] })
  t.same((await get(a.id)).lightReasons, [{ kind: 'overdue', deadline: '2026-10-12', days: 1 }])

  // An approved extension moves the deadline: green again.
  const ext = await lead.post(`/api/tasks/${a.id}/extension-requests`, { newDeadline: '2026-12-31', reason: '资金未到位' })
  t.equal(ext.status, 201, 'filed')
  ctx.setNow('2026-10-12')
  t.equal((await office.post(`/api/extension-requests/${ext.body.id}/decision`, { decision: 'approve' })).status, 200)
  ctx.setNow('2026-10-13')
  t.same((await state('extended'))['1'], ['green', []])

  // 26 October: October's reports are missing after the 25th; task 2 has fallen behind its 序时进度.
  ctx.setNow('2026-10-26')
  t.same(await state('26 Oct'), {
    1: ['yellow', ['report_missing']], 2: ['yellow', ['behind_schedule', 'report_missing']], 3: ['yellow', ['report_missing']],
  })
  t.same((await get(b.id)).lightReasons[0], { kind: 'behind_schedule', targetId: b.targets[0]!.id, actual: 70, expected: 81.9178 }, '299 of 365 days of 100')
  t.equal((await report(a.id, '2026-10')).status, 201)
  t.equal((await report(b.id, '2026-10', [{ targetId: b.targets[0]!.id, actual: 75 }])).status, 201)
  t.same(await state('reported'), { 1: ['green', []], 2: ['green', []], 3: ['yellow', ['report_missing']] }, 'reports clear their reasons (75 is 6.6 points behind)')
  t.equal((await office.patch(`/api/plans/${plan.id}`, { behindTolerance: 5 })).status, 200)
  t.same((await state('tolerance 5'))['2'], ['yellow', ['behind_schedule']], 'the plan’s tolerance applies at once')

  // A target given to task 3 holds it; its due date passing unmet is red.
  t.equal((await office.patch(`/api/tasks/${c.id}`, { targets: [{ year: 2026, description: '完成5处', value: 5, dueOn: '2026-11-30' }] })).status, 200)
  t.match(await get(c.id), { deadlineSource: 'target', effectiveDeadline: '2026-11-30' })
  ctx.setNow('2026-12-01')
  const dec = await state('1 Dec')
  t.same(dec['3'], ['red', ['target_overdue']], 'its target passed unmet')
  t.match(await get(c.id), { deadlineSource: 'plan', effectiveDeadline: '2027-12-31' }, 'and it is held to the plan’s end again')
})

t.test('the daily scan recomputes every light as days pass', async (t) => {
  const ctx: TestContext = await createTestApp(t, { now: '2026-06-01' })
  const office = as(ctx.app, ctx.actors.office)
  const plan = (await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2026 })).body
  const ids: number[] = []
  for (const [i, deadline] of ['2026-06-18', '2026-06-24', null].entries()) {
    ids.push((await office.post(`/api/plans/${plan.id}/tasks`, { number: String(i + 1), title: 't', leadUnitIds: [ctx.unitA], deadline })).body.id)
  }
  const { repos } = ctx.app
  const deps = {
    db: ctx.db, calendar: repos.calendar.calendar(), notifications: createNotificationsRepository(ctx.db),
    escalations: createEscalationsRepository(ctx.db, { tasks: repos.tasks, clock: () => new Date('2026-06-22T01:00:00Z') }),
  }
  const stored = () => ctx.db.$client.prepare('SELECT light, light_reasons AS reasons, light_changes_on AS changesOn FROM tasks ORDER BY id').all() as { light: string; reasons: string; changesOn: string }[]
  runDailyScan(deps, '2026-06-19') // Dragon Boat: not a working day, but the lights move on
  t.same(stored().map((r) => r.light), ['red', 'yellow', 'green'])
  t.same(JSON.parse(stored()[0]!.reasons), [{ kind: 'overdue', deadline: '2026-06-18', days: 0 }])
  t.equal(stored()[0]!.changesOn, '2026-06-22', 'next changes on Monday, the first working day after the holiday')
  runDailyScan(deps, '2026-06-22')
  t.same(JSON.parse(stored()[0]!.reasons), [{ kind: 'overdue', deadline: '2026-06-18', days: 1 }])
  t.equal((ctx.db.$client.prepare("SELECT count(*) AS n FROM tasks WHERE light_changes_on <= '2026-06-22'").get() as { n: number }).n, 0, 'nothing left for reads to recompute that day')
})
