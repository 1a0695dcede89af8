import t from 'tap'
import type { TaskStatus } from '../src/domain/task-status.js'
import { as, createTestApp } from './fixtures/harness.js'
import { act, LEGAL, OPEN, refusal, taskIn, withWorkflowActors, WORKFLOW_ACTORS, WORKFLOW_REQUESTS, type WorkflowActor, type WorkflowContext } from './fixtures/workflow.js'

const count = (ctx: WorkflowContext, table: string) => (ctx.db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
const taskRow = (ctx: WorkflowContext, id: number) =>
  ctx.db.$client.prepare('SELECT status, version, percent, deadline, yellow_from AS yellowFrom, closed_at AS closedAt FROM tasks WHERE id = ?').get(id) as
    { status: TaskStatus; version: number; percent: number; deadline: string | null; yellowFrom: string | null; closedAt: string | null }
const eventsOf = (ctx: WorkflowContext, taskId: number) =>
  (ctx.db.$client.prepare('SELECT type, payload FROM outbox_events WHERE task_id = ? ORDER BY id').all(taskId) as { type: string; payload: string }[])
    .map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> }))

t.test('the whole lifecycle, each step by its role, over HTTP', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-10-09' }))
  const { taskId } = await ctx.newTask()
  const client = (actor: WorkflowActor) => as(ctx.app, ctx.workflowActors[actor])
  const [office, lead, responsible, cooperating, supervisor] = [client('office'), client('lead'), client('responsible'), client('cooperating'), client('supervisor')]
  const target = (await office.get(`/api/tasks/${taskId}`)).body.targets[0].id as number
  const url = (path: string) => `/api/tasks/${taskId}/${path}`
  let clock = Date.parse('2026-10-09T09:00:00+08:00')
  const tick = () => ctx.setNow(new Date((clock += 60_000)).toISOString())

  // Each status change writes the task, one history row, one audit entry and one event, together.
  const step = async (client: typeof office, path: string, body: object, to: TaskStatus, event: string) => {
    tick()
    const before = { transitions: count(ctx, 'task_transitions'), audit: count(ctx, 'audit_entries'), events: count(ctx, 'outbox_events'), version: taskRow(ctx, taskId).version }
    const res = await client.post(url(path), body)
    t.equal(res.status, 200, `${path} → ${to}: ${JSON.stringify(res.body)}`)
    t.equal(res.body.status, to)
    t.equal(res.headers.etag, `"${taskId}-${before.version + 1}"`, 'the ETag moves on')
    t.equal(count(ctx, 'task_transitions'), before.transitions + 1)
    t.equal(count(ctx, 'audit_entries'), before.audit + 1)
    t.equal(count(ctx, 'outbox_events'), before.events + 1)
    t.equal(eventsOf(ctx, taskId).at(-1)!.type, event)
    return res
  }
  const report = async (client: typeof office, body: Record<string, unknown>) => {
    tick()
    return client.post(url('reports'), { progress: '完成摸底', targetValues: [], ...body })
  }

  await step(office, 'dispatch', { comment: '请按期完成' }, 'dispatched', 'task.dispatched')
  t.equal((await supervisor.post(url('acknowledge'), {})).status, 403, 'the supervision office reads but does not act')
  t.equal((await cooperating.post(url('acknowledge'), {})).status, 403, 'only the lead unit signs for a task')
  await step(lead, 'acknowledge', {}, 'acknowledged', 'task.acknowledged')

  let res = await report(cooperating, { period: '2026-09', percent: 10 })
  t.equal(res.status, 201, 'a cooperating unit reports')
  t.equal(taskRow(ctx, taskId).status, 'acknowledged', "another unit's report does not start the work")
  t.equal(taskRow(ctx, taskId).percent, 0, 'nor move the percent')
  res = await report(responsible, { period: '2026-09', percent: 15 })
  t.equal(res.status, 201, 'a responsible unit reports')

  const versionBefore = taskRow(ctx, taskId).version
  res = await report(lead, { period: '2026-09', percent: 30, problems: '资金未到位', nextSteps: '加快施工', targetValues: [{ targetId: target, actual: 12 }] })
  t.equal(res.status, 201)
  t.match(res.body, { taskId, unit: { id: ctx.unitA }, period: '2026-09', revision: 1, status: 'submitted', percent: 30, problems: '资金未到位', targetValues: [{ targetId: target, actual: 12 }] })
  t.match(taskRow(ctx, taskId), { status: 'in_progress', percent: 30, version: versionBefore + 1 }, "the lead's first report starts the work and sets the percent")
  t.same(eventsOf(ctx, taskId).at(-1), {
    type: 'report.submitted',
    payload: { actorId: ctx.workflowActors.lead.id, reportId: res.body.id, unitId: ctx.unitA, period: '2026-09', revision: 1, percent: 30, statusChanged: { from: 'acknowledged', to: 'in_progress' } },
  })
  const firstReport = res.body.id as number

  res = await report(lead, { period: '2026-09', percent: 35, targetValues: [{ targetId: target, actual: 14 }] })
  t.match(res.body, { id: firstReport, revision: 2, percent: 35 }, 'again for the same period: a new revision of the same report')
  t.equal(taskRow(ctx, taskId).percent, 35)
  res = await report(lead, { period: '2026-08', percent: 20 })
  t.equal(res.status, 201, 'a late report for an earlier month')
  t.equal(taskRow(ctx, taskId).percent, 35, "the percent follows the lead's latest period, not a back-filled one")

  const detail = await office.get(`/api/reports/${firstReport}`)
  t.same(detail.body.revisions.map((r: { revision: number; percent: number }) => [r.revision, r.percent]), [[1, 30], [2, 35]], 'the old revision is kept')
  const list = await lead.get(url('reports?period=2026-09'))
  t.same(list.body.items.map((r: { unit: { id: number }; revision: number }) => [r.unit.id, r.revision]),
    [[ctx.unitB, 1], [ctx.workflowActors.responsible.unitId, 1], [ctx.unitA, 2]])

  tick()
  res = await office.post(`/api/reports/${firstReport}/review`, { decision: 'return', comment: '请补充照片' })
  t.match(res.body, { status: 'returned', review: { decision: 'return', comment: '请补充照片', revision: 2 } })
  t.equal((await office.post(`/api/reports/${firstReport}/review`, { decision: 'accept' })).status, 409, 'a reviewed revision waits for the next one')
  await report(lead, { period: '2026-09', percent: 40 })
  tick()
  res = await office.post(`/api/reports/${firstReport}/review`, { decision: 'accept' })
  t.match(res.body, { status: 'accepted', revision: 3, review: { decision: 'accept', comment: null } })

  await step(lead, 'completion-request', { summary: '已完成全部改造' }, 'completion_requested', 'task.completion_requested')
  await step(office, 'review', { decision: 'return', comment: '尚有2个小区未验收' }, 'in_progress', 'task.returned')
  await step(office, 'suspend', { reason: '规划调整' }, 'suspended', 'task.suspended')
  await step(office, 'resume', { reason: '规划已定' }, 'in_progress', 'task.resumed')
  await step(lead, 'completion-request', { summary: '已全部验收' }, 'completion_requested', 'task.completion_requested')
  res = await step(office, 'review', { decision: 'accept', comment: '同意销号' }, 'closed', 'task.closed')
  t.equal(res.body.closedAt, new Date(clock).toISOString(), 'closing stamps closedAt')
  t.same(eventsOf(ctx, taskId).find((e) => e.type === 'task.returned')!.payload, { actorId: ctx.workflowActors.office.id, from: 'completion_requested', to: 'in_progress', comment: '尚有2个小区未验收' })

  const timeline = await cooperating.get(url('timeline'))
  t.equal(timeline.status, 200)
  const lines = timeline.body.items.map((e: { kind: string; summary: string }) => `${e.kind}: ${e.summary}`)
  t.same(lines, [
    'transition: dispatch: draft → dispatched',
    'transition: acknowledge: dispatched → acknowledged',
    'report: 市城管局 reported for 2026-09: 10%',
    'report: 市发改委 reported for 2026-09: 15%',
    'report: 市住建局 reported for 2026-09: 30%',
    'transition: report: acknowledged → in_progress',
    'report: 市住建局 reported for 2026-09 (revision 2): 35%',
    'report: 市住建局 reported for 2026-08: 20%',
    "report-review: Returned 市住建局's report for 2026-09",
    'report: 市住建局 reported for 2026-09 (revision 3): 40%',
    "report-review: Accepted 市住建局's report for 2026-09",
    'transition: request-completion: in_progress → completion_requested',
    'transition: return: completion_requested → in_progress',
    'transition: suspend: in_progress → suspended',
    'transition: resume: suspended → in_progress',
    'transition: request-completion: in_progress → completion_requested',
    'transition: accept: completion_requested → closed',
  ])
  t.match(timeline.body.items[12], { actor: { id: ctx.workflowActors.office.id, name: 'office' }, comment: '尚有2个小区未验收', data: { from: 'completion_requested', to: 'in_progress' } })
  const ats = timeline.body.items.map((e: { at: string }) => e.at)
  t.same(ats, [...ats].sort(), 'oldest first')
})

t.test('every action from every actor in every status: allowed exactly as the issue says', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  for (const status of Object.keys(LEGAL) as TaskStatus[]) {
    const shared = await taskIn(ctx, status)
    for (const actor of WORKFLOW_ACTORS) {
      for (const action of WORKFLOW_REQUESTS) {
        const legal = LEGAL[status][actor]?.includes(action) ?? false
        if (legal) {
          const taskId = await taskIn(ctx, status)
          const res = await act(ctx, actor, taskId, action)
          t.ok(res.status === 200 || res.status === 201, `${actor} ${action} in ${status}: ${res.status} ${JSON.stringify(res.body)}`)
          continue
        }
        const before = { task: taskRow(ctx, shared), audit: count(ctx, 'audit_entries'), events: count(ctx, 'outbox_events') }
        const res = await act(ctx, actor, shared, action)
        const expected = refusal(actor, action)
        t.equal(res.status, expected, `${actor} ${action} in ${status}`)
        t.match(res.headers['content-type'], /^application\/problem\+json/)
        if (expected === 409) {
          t.equal(res.body.currentState, status, 'the 409 names the current state')
          const decides = (actor === 'office' || actor === 'admin') && OPEN.includes(status) ? ['decide-extension'] : []
          t.same(new Set(res.body.allowedActions), new Set([...(LEGAL[status][actor] ?? []), ...decides]), 'and the actions allowed now')
        }
        t.same({ task: taskRow(ctx, shared), audit: count(ctx, 'audit_entries'), events: count(ctx, 'outbox_events') }, before, 'a refusal writes nothing')
      }
    }
  }
})

t.test('transitions honour If-Match with the task ETag', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const office = as(ctx.app, ctx.workflowActors.office)
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const { taskId } = await ctx.newTask()
  const etag = (await office.get(`/api/tasks/${taskId}`)).headers.etag as string
  const dispatched = await office.post(`/api/tasks/${taskId}/dispatch`, {}, { 'if-match': etag })
  t.equal(dispatched.status, 200, 'a current ETag passes')
  t.not(dispatched.headers.etag, etag)

  const stale = { 'if-match': etag }
  const refused = await lead.post(`/api/tasks/${taskId}/acknowledge`, {}, stale)
  t.equal(refused.status, 412, 'a stale ETag is 412')
  t.equal(taskRow(ctx, taskId).status, 'dispatched', 'and changes nothing')
  t.equal((await lead.post(`/api/tasks/${taskId}/acknowledge`, {}, { 'if-match': `W/${dispatched.headers.etag}` })).status, 200, 'weak form accepted')
  for (const [actor, action] of [['lead', 'report'], ['lead', 'request-extension'], ['office', 'suspend'], ['office', 'cancel']] as const) {
    t.equal((await act(ctx, actor, taskId, action, stale)).status, 412, `${action} with a stale ETag`)
  }
  t.equal((await office.patch(`/api/tasks/${taskId}`, { title: '新标题' }, stale)).status, 412, 'PATCH too')
  const current = (await office.get(`/api/tasks/${taskId}`)).headers.etag as string
  t.equal((await act(ctx, 'office', taskId, 'suspend', { 'if-match': current })).status, 200)
})

t.test('an error part-way through a transition leaves nothing half-written', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const { taskId } = await ctx.newTask()
  // The event is the last write of a transition: make it fail after the task, history and audit rows were written.
  ctx.db.$client.exec("CREATE TEMP TRIGGER fail_events BEFORE INSERT ON outbox_events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
  const before = { task: taskRow(ctx, taskId), transitions: count(ctx, 'task_transitions'), audit: count(ctx, 'audit_entries') }
  const res = await act(ctx, 'office', taskId, 'dispatch')
  t.equal(res.status, 500)
  t.notMatch(JSON.stringify(res.body), /disk trouble|SQLITE|outbox/, 'no internals in the answer')
  t.same({ task: taskRow(ctx, taskId), transitions: count(ctx, 'task_transitions'), audit: count(ctx, 'audit_entries') }, before)
  ctx.db.$client.exec('DROP TRIGGER fail_events')
  t.equal((await act(ctx, 'office', taskId, 'dispatch')).status, 200, 'the same step succeeds once the fault is gone')
})

t.test('suspend remembers where the task stood', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  for (const from of ['dispatched', 'acknowledged', 'in_progress', 'completion_requested'] as const) {
    const taskId = await taskIn(ctx, from)
    t.equal((await act(ctx, 'office', taskId, 'suspend')).body.status, 'suspended')
    const resumed = await act(ctx, 'office', taskId, 'resume')
    t.equal(resumed.body.status, from, `resumed to ${from}`)
  }
  const taskId = await taskIn(ctx, 'in_progress')
  await act(ctx, 'office', taskId, 'suspend')
  t.equal((await act(ctx, 'office', taskId, 'cancel')).body.status, 'cancelled', 'a suspended task can be cancelled')
  t.equal((await act(ctx, 'office', taskId, 'resume')).status, 409)
})

t.test('requests the office must explain, and unknown tasks', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const office = as(ctx.app, ctx.workflowActors.office)
  const taskId = await taskIn(ctx, 'completion_requested')
  const noComment = await office.post(`/api/tasks/${taskId}/review`, { decision: 'return' })
  t.equal(noComment.status, 422)
  t.same(noComment.body.errors, [{ in: 'body', field: 'comment', detail: 'is required when decision is return' }])
  t.equal((await office.post(`/api/tasks/${taskId}/review`, { decision: 'return', comment: '   ' })).status, 422, 'blank is no comment')
  t.equal(taskRow(ctx, taskId).status, 'completion_requested')
  const noReason = await office.post(`/api/tasks/${taskId}/suspend`, {})
  t.equal(noReason.status, 400)
  t.match(noReason.body.errors, [{ field: 'reason' }])
  t.equal((await office.post(`/api/tasks/${taskId}/review`, { decision: 'maybe' })).status, 400)
  t.equal((await office.post('/api/tasks/999999/dispatch', {})).status, 404)
  t.equal((await as(ctx.app, ctx.workflowActors.outsider).get(`/api/tasks/${taskId}/timeline`)).status, 404, "a unit never sees another unit's task")
  t.equal((await as(ctx.app, ctx.workflowActors.outsider).get(`/api/tasks/${taskId}/reports`)).status, 404)
  t.equal((await as(ctx.app, null).post(`/api/tasks/${taskId}/dispatch`, {})).status, 401)
})
