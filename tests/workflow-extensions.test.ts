import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { act, taskIn, withWorkflowActors } from './fixtures/workflow.js'

t.test('延期申请: approve moves the deadline and keeps the old one; reject keeps it', async (t) => {
  // 2026-12-31 is a Thursday; with a 5-working-day window the light is yellow from 2026-12-24.
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-12-28' }))
  const office = as(ctx.app, ctx.workflowActors.office)
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const taskId = await taskIn(ctx, 'in_progress')
  t.equal((await office.get(`/api/tasks/${taskId}`)).body.light, 'yellow', 'due within 5 working days')

  const asked = await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-03-31', reason: '征收补偿协议未签完' })
  t.equal(asked.status, 201)
  t.match(asked.body, { taskId, unit: { id: ctx.unitA }, requestedBy: { id: ctx.workflowActors.lead.id }, oldDeadline: '2026-12-31', newDeadline: '2027-03-31', status: 'pending', decidedBy: null })
  const second = await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-04-30', reason: '再延' })
  t.equal(second.status, 409, 'one pending request at a time')
  t.equal(second.body.currentState, 'in_progress')
  t.notOk(second.body.allowedActions.includes('request-extension'))

  t.equal((await lead.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'approve' })).status, 403, 'a unit does not approve extensions')
  const etag = (await office.get(`/api/tasks/${taskId}`)).headers.etag as string
  t.equal((await office.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'approve' }, { 'if-match': '"1-1"' })).status, 412, "If-Match takes the task's ETag")
  const approved = await office.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'approve', comment: '同意延期' }, { 'if-match': etag })
  t.equal(approved.status, 200)
  t.match(approved.body, { status: 'approved', oldDeadline: '2026-12-31', newDeadline: '2027-03-31', decidedBy: { id: ctx.workflowActors.office.id }, decisionComment: '同意延期' })
  const task = await office.get(`/api/tasks/${taskId}`)
  t.equal(task.body.deadline, '2027-03-31', 'the deadline moved')
  // Still yellow, but only for its 2026 target (nothing of 40 reported); the deadline's window moved away.
  t.same(task.body.lightReasons.map((r: { kind: string }) => r.kind), ['behind_schedule'], 'and the yellow window with it')
  t.not(task.headers.etag, etag)
  const row = ctx.db.$client.prepare('SELECT yellow_from AS y FROM tasks WHERE id = ?').get(taskId) as { y: string }
  t.equal(row.y, '2027-03-24', 'yellowFrom recomputed from the new deadline (6th working day back from Wed 31 March)')
  t.equal((await office.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'reject' })).status, 409, 'decided once')

  const event = ctx.db.$client.prepare("SELECT payload FROM outbox_events WHERE type = 'extension.decided'").get() as { payload: string }
  t.match(JSON.parse(event.payload), { decision: 'approve', oldDeadline: '2026-12-31', newDeadline: '2027-03-31', extensionRequestId: asked.body.id })

  const again = await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-06-30', reason: '雨季停工' })
  t.equal(again.body.oldDeadline, '2027-03-31')
  const rejected = await office.post(`/api/extension-requests/${again.body.id}/decision`, { decision: 'reject', comment: '理由不充分' })
  t.match(rejected.body, { status: 'rejected', decisionComment: '理由不充分' })
  t.equal((await office.get(`/api/tasks/${taskId}`)).body.deadline, '2027-03-31', 'a rejection leaves the deadline')

  const history = await lead.get(`/api/tasks/${taskId}/extension-requests`)
  t.same(history.body.items.map((e: { oldDeadline: string; newDeadline: string; status: string }) => [e.oldDeadline, e.newDeadline, e.status]),
    [['2026-12-31', '2027-03-31', 'approved'], ['2027-03-31', '2027-06-30', 'rejected']], 'the old deadlines stay in history')
  const timeline = await office.get(`/api/tasks/${taskId}/timeline`)
  const kinds = timeline.body.items.filter((e: { kind: string }) => e.kind.startsWith('extension')).map((e: { summary: string }) => e.summary)
  t.same(kinds, [
    '市住建局 asked to move the deadline to 2027-03-31', 'Deadline moved from 2026-12-31 to 2027-03-31',
    '市住建局 asked to move the deadline to 2027-06-30', 'Extension to 2027-06-30 rejected',
  ])
})

t.test('who may ask, when, and for which date', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const taskId = await taskIn(ctx, 'acknowledged')
  const ask = (actor: 'lead' | 'responsible' | 'cooperating' | 'outsider' | 'office', newDeadline: string) =>
    as(ctx.app, ctx.workflowActors[actor]).post(`/api/tasks/${taskId}/extension-requests`, { newDeadline, reason: '原因' })
  t.equal((await ask('responsible', '2027-03-31')).status, 403, 'only the lead unit asks')
  t.equal((await ask('cooperating', '2027-03-31')).status, 403)
  t.equal((await ask('outsider', '2027-03-31')).status, 404)
  t.equal((await ask('office', '2027-03-31')).status, 403)
  const earlier = await ask('lead', '2026-12-15')
  t.equal(earlier.status, 422)
  t.same(earlier.body.errors, [{ in: 'body', field: 'newDeadline', detail: 'must be after the current deadline 2026-12-31' }])
  const notADate = await ask('lead', '2027-02-30')
  t.equal(notADate.status, 400, 'not a date: refused by the schema')
  t.equal(notADate.body.errors[0].field, 'newDeadline', 'naming the field')

  const closed = await taskIn(ctx, 'closed')
  const late = await as(ctx.app, ctx.workflowActors.lead).post(`/api/tasks/${closed}/extension-requests`, { newDeadline: '2027-03-31', reason: '原因' })
  t.equal(late.status, 409, 'not once the task is closed')
  t.same(late.body.allowedActions, [])

  const pending = await ask('lead', '2027-03-31')
  await act(ctx, 'office', taskId, 'cancel')
  const decided = await as(ctx.app, ctx.workflowActors.office).post(`/api/extension-requests/${pending.body.id}/decision`, { decision: 'approve' })
  t.equal(decided.status, 409, 'no decision on a cancelled task')
  t.equal(decided.body.currentState, 'cancelled')
  t.equal((await as(ctx.app, ctx.workflowActors.office).post('/api/extension-requests/999999/decision', { decision: 'approve' })).status, 404)
})
