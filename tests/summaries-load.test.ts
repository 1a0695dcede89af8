import t from 'tap'
import { parsePeriod, type SummaryKind } from '../src/domain/summaries/period.js'
import { loadSummaryFacts } from '../src/summaries/load.js'
import { createTestApp } from './fixtures/harness.js'

// The loader reads the workflow's and the pipeline's tables as they stood at the end of a day (Asia/Shanghai).
// Rows are written here directly, as those modules store them, to reach every case.

// One app for the file; each test sets up a plan of its own.
const ctx = await createTestApp(t)

function setup() {
  const { repos } = ctx.app
  const actor = ctx.actors.office.id
  const plan = repos.plans.create({ title: '测试计划', issuer: '测试市人民政府', startYear: 2026, endYear: 2027, reportingDay: 20 }, actor)
  const c = ctx.db.$client
  const task = (number: string, fields: { lead: number[]; responsible?: number[]; deadline?: string; status?: string; closedAt?: string; targets?: { year: number; value: number }[] }) => {
    const created = repos.tasks.create(plan.id, {
      number, title: `任务${number}`, leadUnitIds: fields.lead, responsibleUnitIds: fields.responsible ?? [], deadline: fields.deadline ?? null,
      targets: (fields.targets ?? []).map((g) => ({ year: g.year, description: `目标${number}`, value: g.value, measure: '个' })),
    }, actor)
    c.prepare('UPDATE tasks SET status = ?, closed_at = ? WHERE id = ?').run(fields.status ?? 'draft', fields.closedAt ?? null, created.id)
    return { id: created.id, targetIds: created.targets.map((g) => g.id) }
  }
  const transition = (taskId: number, from: string, to: string, at: string) =>
    c.prepare('INSERT INTO task_transitions (task_id, action, from_status, to_status, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(taskId, to, from, to, actor, at)
  const report = (taskId: number, unitId: number, period: string, revisions: { at: string; problems?: string; actuals?: [number, number][] }[], status = 'submitted') => {
    const reportId = Number(c.prepare('INSERT INTO reports (task_id, unit_id, period, revision, status, first_submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(taskId, unitId, period, revisions.length, status, revisions[0]!.at, revisions[revisions.length - 1]!.at).lastInsertRowid)
    revisions.forEach((r, i) => {
      const revisionId = Number(c.prepare('INSERT INTO report_revisions (report_id, revision, progress, problems, percent, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(reportId, i + 1, '进展', r.problems ?? null, 50, actor, r.at).lastInsertRowid)
      for (const [targetId, actual] of r.actuals ?? []) c.prepare('INSERT INTO report_target_actuals (revision_id, target_id, actual) VALUES (?, ?, ?)').run(revisionId, targetId, actual)
    })
  }
  const load = (kind: SummaryKind, label: string, asOf: string) =>
    loadSummaryFacts(c, repos.calendar.calendar(), { plan: { ...plan }, period: parsePeriod(kind, label)!, asOf })
  return { ctx, plan, task, transition, report, load, c }
}

const taskOf = (facts: ReturnType<ReturnType<typeof setup>['load']>, id: number) => facts.tasks.find((x) => x.id === id)!

t.test('status and closing day as they stood at the end of the as-of day', async (t) => {
  const { task, transition, load } = setup()
  // Closed at 01:00 on 04-11 in Shanghai (17:00 UTC on 04-10).
  const x = task('1', { lead: [ctx.unitA], deadline: '2026-04-30', status: 'closed', closedAt: '2026-04-10T17:00:00.000Z' })
  transition(x.id, 'draft', 'dispatched', '2026-03-01T02:00:00.000Z')
  transition(x.id, 'dispatched', 'acknowledged', '2026-03-05T02:00:00.000Z')
  transition(x.id, 'acknowledged', 'in_progress', '2026-03-20T02:00:00.000Z')
  transition(x.id, 'in_progress', 'completion_requested', '2026-04-08T02:00:00.000Z')
  transition(x.id, 'completion_requested', 'closed', '2026-04-10T17:00:00.000Z')
  // No history (imported or seeded): the current status, except a close that came later.
  const y = task('2', { lead: [ctx.unitA], status: 'closed', closedAt: '2026-05-06T02:00:00.000Z' })
  const z = task('3', { lead: [ctx.unitA], status: 'in_progress' })
  const at = (asOf: string) => { const f = load('monthly', asOf.slice(0, 7), asOf); return [taskOf(f, x.id), taskOf(f, y.id), taskOf(f, z.id)].map((k) => [k.status, k.closedOn]) }
  t.same(at('2026-02-28'), [['draft', null], ['completion_requested', null], ['in_progress', null]])
  t.same(at('2026-03-31'), [['in_progress', null], ['completion_requested', null], ['in_progress', null]])
  t.same(at('2026-04-10'), [['completion_requested', null], ['completion_requested', null], ['in_progress', null]])
  t.same(at('2026-04-11'), [['closed', '2026-04-11'], ['completion_requested', null], ['in_progress', null]])
  t.same(at('2026-05-06'), [['closed', '2026-04-11'], ['closed', '2026-05-06'], ['in_progress', null]])
})

t.test('the deadline in force: an extension approved later had not moved it yet', async (t) => {
  const { task, load, c } = setup()
  const x = task('1', { lead: [ctx.unitA], deadline: '2026-08-31', status: 'in_progress' })
  const insert = c.prepare(`INSERT INTO extension_requests (task_id, unit_id, requested_by, old_deadline, new_deadline, reason, status, decided_at, created_at)
    VALUES (?, ?, ?, ?, ?, '原因', ?, ?, '2026-04-01T02:00:00.000Z')`)
  insert.run(x.id, ctx.unitA, ctx.actors.unitA.id, '2026-04-30', '2026-06-30', 'approved', '2026-04-28T02:00:00.000Z')
  insert.run(x.id, ctx.unitA, ctx.actors.unitA.id, '2026-06-30', '2026-07-31', 'rejected', '2026-06-20T02:00:00.000Z')
  insert.run(x.id, ctx.unitA, ctx.actors.unitA.id, '2026-06-30', '2026-08-31', 'approved', '2026-06-25T02:00:00.000Z')
  const deadline = (asOf: string) => taskOf(load('monthly', asOf.slice(0, 7), asOf), x.id).deadline
  t.equal(deadline('2026-04-27'), '2026-04-30')
  t.equal(deadline('2026-04-28'), '2026-06-30')
  t.equal(deadline('2026-06-24'), '2026-06-30')
  t.equal(deadline('2026-06-25'), '2026-08-31')
})

t.test('lead units in the order the document lists them', async (t) => {
  const { task, load } = setup()
  const x = task('1', { lead: [ctx.unitB, ctx.unitA], status: 'dispatched' })
  const y = task('2', { lead: [ctx.unitA], responsible: [ctx.unitB], status: 'dispatched' })
  const facts = load('monthly', '2026-06', '2026-06-30')
  t.same(taskOf(facts, x.id).leadUnitIds, [ctx.unitB, ctx.unitA])
  t.same(taskOf(facts, y.id).leadUnitIds, [ctx.unitA], 'a responsible unit is not a lead')
  t.equal(facts.tasks.length, 2)
})

t.test('reports per lead unit and month: on time by the reporting day, late, missing; later submissions do not count yet', async (t) => {
  const { task, transition, report, load } = setup()
  const { unitA: a, unitB: b } = ctx
  const x = task('1', { lead: [a], responsible: [b], status: 'in_progress' })
  transition(x.id, 'draft', 'dispatched', '2026-04-01T02:00:00.000Z')
  transition(x.id, 'dispatched', 'acknowledged', '2026-04-02T02:00:00.000Z')
  transition(x.id, 'acknowledged', 'in_progress', '2026-04-10T02:00:00.000Z')
  const y = task('2', { lead: [a], status: 'suspended' }) // owes nothing
  const z = task('3', { lead: [b], status: 'dispatched' })
  transition(z.id, 'draft', 'dispatched', '2026-05-15T02:00:00.000Z') // owes from May
  // April: on the reporting day (20th, 23:30 in Shanghai). May: revised, first sent late. June: sent in July.
  report(x.id, a, '2026-04', [{ at: '2026-04-20T15:30:00.000Z' }])
  report(x.id, a, '2026-05', [{ at: '2026-05-21T01:00:00.000Z' }, { at: '2026-05-22T01:00:00.000Z' }])
  report(x.id, a, '2026-06', [{ at: '2026-07-02T01:00:00.000Z' }])
  report(x.id, b, '2026-04', [{ at: '2026-04-01T01:00:00.000Z' }]) // a responsible unit's: not counted
  report(y.id, a, '2026-04', [{ at: '2026-04-01T01:00:00.000Z' }])

  const q2 = load('quarterly', '2026-Q2', '2026-06-30')
  t.same(q2.reportStats, [
    { unitId: a, month: '2026-04', due: 1, onTime: 1, late: 0, missingTaskIds: [] },
    { unitId: a, month: '2026-05', due: 1, onTime: 0, late: 1, missingTaskIds: [] },
    { unitId: b, month: '2026-05', due: 1, onTime: 0, late: 0, missingTaskIds: [z.id] },
    { unitId: a, month: '2026-06', due: 1, onTime: 0, late: 0, missingTaskIds: [x.id] },
    { unitId: b, month: '2026-06', due: 1, onTime: 0, late: 0, missingTaskIds: [z.id] },
  ])
  const later = load('monthly', '2026-06', '2026-06-30')
  t.same(later.reportStats.map((s) => [s.unitId, s.missingTaskIds]), [[a, [x.id]], [b, [z.id]]])
  // While June runs, its reports are not due before the reporting day.
  t.same(load('monthly', '2026-06', '2026-06-19').reportStats, [])
  t.same(load('monthly', '2026-06', '2026-06-20').reportStats.length, 2)
})

t.test('problems from the latest revision by the as-of day, for the month', async (t) => {
  const { task, report, load } = setup()
  const x = task('1', { lead: [ctx.unitA], responsible: [ctx.unitB], status: 'in_progress' })
  report(x.id, ctx.unitA, '2026-06', [{ at: '2026-06-10T01:00:00.000Z', problems: '资金不足' }, { at: '2026-07-03T01:00:00.000Z', problems: '已解决' }])
  report(x.id, ctx.unitB, '2026-06', [{ at: '2026-06-12T01:00:00.000Z', problems: '  ' }])
  report(x.id, ctx.unitB, '2026-05', [{ at: '2026-05-12T01:00:00.000Z', problems: '上月问题' }])
  t.same(load('monthly', '2026-06', '2026-06-30').problems, [{ taskId: x.id, unitId: ctx.unitA, month: '2026-06', problems: '资金不足' }])
  t.same(load('quarterly', '2026-Q2', '2026-06-30').problems, [], 'the quarterly notice lists none')
})

t.test("a target's actual: the lead's latest cumulative figure of the year by the as-of day", async (t) => {
  const { task, report, load } = setup()
  const x = task('1', { lead: [ctx.unitA], responsible: [ctx.unitB], status: 'in_progress', targets: [{ year: 2026, value: 40 }, { year: 2027, value: 50 }] })
  const [g26, g27] = x.targetIds as [number, number]
  report(x.id, ctx.unitA, '2026-04', [{ at: '2026-04-15T01:00:00.000Z', actuals: [[g26, 10]] }])
  report(x.id, ctx.unitA, '2026-05', [{ at: '2026-05-15T01:00:00.000Z', actuals: [[g26, 12]] }, { at: '2026-05-16T01:00:00.000Z', actuals: [[g26, 15]] }])
  report(x.id, ctx.unitB, '2026-06', [{ at: '2026-06-15T01:00:00.000Z', actuals: [[g26, 99]] }]) // not the lead
  report(x.id, ctx.unitA, '2026-06', [{ at: '2026-06-16T01:00:00.000Z', actuals: [[g26, 88]] }], 'returned')
  report(x.id, ctx.unitA, '2026-07', [{ at: '2026-07-15T01:00:00.000Z', actuals: [[g26, 30]] }])
  report(x.id, ctx.unitA, '2027-01', [{ at: '2027-01-15T01:00:00.000Z', actuals: [[g27, 5]] }])
  // Every year's targets: the lights weigh them all (the target lines pick the period's year).
  const actual = (kind: SummaryKind, label: string, asOf: string) => load(kind, label, asOf).targets.map((g) => [g.id, g.actual])
  t.same(actual('monthly', '2026-03', '2026-03-31'), [[g26, null], [g27, null]])
  t.same(actual('monthly', '2026-05', '2026-05-15'), [[g26, 12], [g27, null]])
  t.same(actual('monthly', '2026-06', '2026-06-30'), [[g26, 15], [g27, null]], 'returned and non-lead reports do not count')
  t.same(actual('annual', '2026', '2026-12-31'), [[g26, 30], [g27, null]])
  t.same(actual('annual', '2027', '2027-03-31'), [[g26, 30], [g27, 5]])
  t.same(actual('quarterly', '2026-Q2', '2026-06-30'), [[g26, 15], [g27, null]], 'the quarterly notice lights them too')
})

t.test('what the lights weigh, as it stood: the first dispatch and the latest period a lead reported for', async (t) => {
  const { task, report, load, c } = setup()
  const dispatch = (taskId: number, at: string) =>
    c.prepare("INSERT INTO task_transitions (task_id, action, from_status, to_status, actor_id, at) VALUES (?, 'dispatch', 'draft', 'dispatched', ?, ?)").run(taskId, ctx.actors.office.id, at)
  const x = task('1', { lead: [ctx.unitA], responsible: [ctx.unitB], status: 'in_progress' })
  // First dispatched at 23:30 on 03-31 in Shanghai (15:30 UTC); a later dispatch does not move the day.
  dispatch(x.id, '2026-03-31T15:30:00.000Z')
  dispatch(x.id, '2026-04-03T02:00:00.000Z')
  report(x.id, ctx.unitA, '2026-04', [{ at: '2026-04-20T02:00:00.000Z' }])
  report(x.id, ctx.unitA, '2026-05', [{ at: '2026-06-01T15:59:00.000Z' }]) // 23:59 on 06-01
  report(x.id, ctx.unitB, '2026-06', [{ at: '2026-06-10T02:00:00.000Z' }]) // not the lead
  const y = task('2', { lead: [ctx.unitA], status: 'dispatched' }) // never dispatched through the workflow
  const at = (asOf: string) => { const f = load('monthly', asOf.slice(0, 7), asOf); return [x, y].map((k) => [taskOf(f, k.id).dispatchedOn, taskOf(f, k.id).lastReportedPeriod]) }
  t.same(at('2026-03-30'), [[null, null], [null, null]])
  t.same(at('2026-03-31'), [['2026-03-31', null], [null, null]])
  t.same(at('2026-05-31'), [['2026-03-31', '2026-04'], [null, null]])
  t.same(at('2026-06-01'), [['2026-03-31', '2026-05'], [null, null]])
  t.same(at('2026-06-30'), [['2026-03-31', '2026-05'], [null, null]], "a responsible unit's report does not count")
})

t.test('escalations opened by the as-of day, with their status then', async (t) => {
  const { task, load, c } = setup()
  const x = task('1', { lead: [ctx.unitA], deadline: '2026-06-18', status: 'in_progress' })
  c.prepare("INSERT INTO escalations (task_id, level, deadline, opened_on, reason, status, acknowledged_at, resolved_at) VALUES (?, 2, '2026-06-18', '2026-06-26', 'overdue', 'resolved', '2026-06-29T02:00:00.000Z', '2026-07-06T02:00:00.000Z')").run(x.id)
  c.prepare("INSERT INTO escalations (task_id, level, deadline, opened_on, reason) VALUES (?, 3, '2026-06-18', '2026-07-10', 'overdue')").run(x.id)
  const at = (asOf: string) => load('monthly', asOf.slice(0, 7), asOf).escalations.map((e) => [e.level, e.status])
  t.same(at('2026-06-25'), [])
  t.same(at('2026-06-26'), [[2, 'open']])
  t.same(at('2026-06-30'), [[2, 'acknowledged']])
  t.same(at('2026-07-31'), [[2, 'resolved'], [3, 'open']])
})
