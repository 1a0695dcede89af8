import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { taskIn, withWorkflowActors, type WorkflowContext } from './fixtures/workflow.js'

const count = (ctx: WorkflowContext, table: string) => (ctx.db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
const body = { period: '2026-10', progress: '完成拆迁', percent: 30, targetValues: [] }

t.test('a retried report with the same key and body gets the original response and creates nothing', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const taskId = await taskIn(ctx, 'acknowledged')
  const key = { 'idempotency-key': 'report-2026-10-a1' }
  const first = await lead.post(`/api/tasks/${taskId}/reports`, body, key)
  t.equal(first.status, 201)
  t.notOk(first.headers['idempotent-replayed'])
  const counts = { revisions: count(ctx, 'report_revisions'), audit: count(ctx, 'audit_entries'), events: count(ctx, 'outbox_events') }

  const retry = await lead.post(`/api/tasks/${taskId}/reports`, body, key)
  t.equal(retry.status, 201)
  t.same(retry.body, first.body, 'the original response')
  t.equal(retry.headers['idempotent-replayed'], 'true')
  t.same({ revisions: count(ctx, 'report_revisions'), audit: count(ctx, 'audit_entries'), events: count(ctx, 'outbox_events') }, counts, 'no second revision')

  const other = await lead.post(`/api/tasks/${taskId}/reports`, { ...body, percent: 31 }, key)
  t.equal(other.status, 422, 'the same key with a different body')
  t.same(other.body.errors, [{ in: 'headers', field: 'idempotency-key', detail: 'was already used with a different request' }])
  t.equal((await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-03-31', reason: '征收' }, key)).status, 422, 'or on another route')

  const fresh = await lead.post(`/api/tasks/${taskId}/reports`, body, { 'idempotency-key': 'report-2026-10-a2' })
  t.equal(fresh.body.revision, 2, 'a new key is a new submission')
  const noKey = await lead.post(`/api/tasks/${taskId}/reports`, body)
  t.equal(noKey.body.revision, 3, 'and so is a request without a key')
})

t.test('keys belong to their user and are kept at least 24 hours', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20T10:00:00+08:00' }))
  const taskId = await taskIn(ctx, 'acknowledged')
  const key = { 'idempotency-key': 'shared-key' }
  const lead = await as(ctx.app, ctx.workflowActors.lead).post(`/api/tasks/${taskId}/reports`, body, key)
  const cooperating = await as(ctx.app, ctx.workflowActors.cooperating).post(`/api/tasks/${taskId}/reports`, body, key)
  t.equal(cooperating.status, 201)
  t.not(cooperating.body.id, lead.body.id, "another user's key of the same name is theirs alone")

  ctx.setNow('2026-11-21T09:59:00+08:00')
  const retried = await as(ctx.app, ctx.workflowActors.lead).post(`/api/tasks/${taskId}/reports`, body, key)
  t.equal(retried.headers['idempotent-replayed'], 'true', 'replayed 23 h 59 min later')
  t.same(retried.body, lead.body)

  ctx.setNow('2026-11-22T10:01:00+08:00')
  const expired = await as(ctx.app, ctx.workflowActors.lead).post(`/api/tasks/${taskId}/reports`, { ...body, period: '2026-11' }, key)
  t.equal(expired.status, 201, 'after 24 hours the key may be used again')
  t.equal(expired.body.period, '2026-11')
  const stored = ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM idempotency_keys WHERE created_at < ?').get('2026-11-21T00:00:00Z') as { n: number }
  t.equal(stored.n, 0, 'expired keys are purged')
})

t.test('transitions and decisions replay too', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const office = as(ctx.app, ctx.workflowActors.office)
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const { taskId } = await ctx.newTask()
  const key = { 'idempotency-key': 'dispatch-1' }
  const first = await office.post(`/api/tasks/${taskId}/dispatch`, {}, key)
  const retry = await office.post(`/api/tasks/${taskId}/dispatch`, {}, key)
  t.equal(retry.status, 200, 'a retried dispatch is not a 409')
  t.same(retry.body, first.body)
  t.equal(retry.headers.etag, first.headers.etag, 'with the ETag it answered with')
  t.equal((await office.post(`/api/tasks/${taskId}/dispatch`, {})).status, 409, 'without the key it is a second dispatch')

  await lead.post(`/api/tasks/${taskId}/acknowledge`, {})
  const ext = await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-03-31', reason: '征收' }, { 'idempotency-key': 'ext-1' })
  t.equal(ext.status, 201)
  t.same((await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-03-31', reason: '征收' }, { 'idempotency-key': 'ext-1' })).body, ext.body)
  const decision = { decision: 'approve', comment: '同意' }
  const decided = await office.post(`/api/extension-requests/${ext.body.id}/decision`, decision, { 'idempotency-key': 'dec-1' })
  t.equal(decided.status, 200)
  t.same((await office.post(`/api/extension-requests/${ext.body.id}/decision`, decision, { 'idempotency-key': 'dec-1' })).body, decided.body)
  t.equal(count(ctx, "extension_requests WHERE status = 'approved'"), 1)
})

t.test('a failed request stores no key: fixing it and retrying with the same key works', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const taskId = await taskIn(ctx, 'acknowledged')
  const key = { 'idempotency-key': 'try-again' }
  const refused = await lead.post(`/api/tasks/${taskId}/reports`, { ...body, period: '2027-01' }, key)
  t.equal(refused.status, 422, 'a future period')
  t.equal(count(ctx, 'idempotency_keys'), 0)
  t.equal((await lead.post(`/api/tasks/${taskId}/reports`, { ...body, period: '2027-01' }, key)).status, 422, 'the same mistake is refused again')
  t.equal((await lead.post(`/api/tasks/${taskId}/reports`, body, key)).status, 201)
})

t.test('concurrent requests with one key create one report', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const taskId = await taskIn(ctx, 'acknowledged')
  const key = { 'idempotency-key': 'burst' }
  const answers = await Promise.all(Array.from({ length: 8 }, () => lead.post(`/api/tasks/${taskId}/reports`, body, key)))
  const created = answers.filter((a) => a.status === 201)
  t.ok(created.length >= 1)
  t.ok(answers.every((a) => a.status === 201 || a.status === 409), `201 or 409 (in flight): ${answers.map((a) => a.status)}`)
  t.ok(created.every((a) => a.body.id === created[0]!.body.id && a.body.revision === 1), 'every 201 is the one report')
  t.equal(count(ctx, 'report_revisions'), 1)
})
