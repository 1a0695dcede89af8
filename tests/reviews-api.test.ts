import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { act, taskIn, withWorkflowActors } from './fixtures/workflow.js'

t.test('审核 lists what waits for the office, longest-waiting first, and each item leaves once decided', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-10-28' }))
  const office = as(ctx.app, ctx.workflowActors.office)
  const reported = await taskIn(ctx, 'in_progress') // its October report waits for review
  ctx.setNow('2026-10-29')
  const finished = await taskIn(ctx, 'completion_requested') // a report and a 办结申请
  ctx.setNow('2026-10-30')
  const extended = await taskIn(ctx, 'in_progress')
  t.equal((await act(ctx, 'lead', extended, 'request-extension')).status, 201)

  const all = await office.get('/api/reviews')
  t.equal(all.status, 200)
  t.same(all.body.counts, { completion: 1, report: 3, extension: 1, total: 5 })
  // By when they were filed; the test's clock stands still within a day, and at one instant 办结申请 come before reports.
  t.same(all.body.items.map((i: { kind: string; task: { id: number } }) => [i.kind, i.task.id]), [
    ['report', reported], ['completion', finished], ['report', finished], ['report', extended], ['extension', extended],
  ])
  const [completion] = all.body.items.filter((i: { kind: string }) => i.kind === 'completion')
  t.match(completion, { text: '已全部完成', unit: { id: ctx.unitA }, by: { id: ctx.workflowActors.lead.id }, task: { status: 'completion_requested', light: String } })
  t.equal(completion.id, finished, "a 办结申请's id is its task's")
  t.match(all.body.items[0], { kind: 'report', period: '2026-10', percent: 20, text: '已完成摸底调查', oldDeadline: null, newDeadline: null })

  const extensions = await office.get('/api/reviews?kind=extension')
  t.same(extensions.body.items.map((i: { kind: string }) => i.kind), ['extension'])
  t.match(extensions.body.items[0], { task: { id: extended }, oldDeadline: '2026-12-31', newDeadline: '2027-06-30', text: '征收未完成', period: null })
  t.equal((await office.get('/api/reviews?limit=2')).body.items.length, 2, 'limit bounds the items')
  t.equal((await office.get('/api/reviews?limit=2')).body.counts.total, 5, 'not the counts')

  for (const [query, field] of [['kind=closure', 'kind'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['planned=1', 'planned']] as const) {
    const bad = await office.get(`/api/reviews?${query}`)
    t.equal(bad.status, 400, query)
    t.match(bad.headers['content-type'], /application\/problem\+json/)
    t.ok(JSON.stringify(bad.body).includes(field), `${query}: the problem names ${field}`)
  }
  for (const actor of ['supervisor', 'leader', 'lead'] as const) {
    t.equal((await as(ctx.app, ctx.workflowActors[actor]).get('/api/reviews')).status, 403, `${actor} has no 审核`)
  }
  t.equal((await as(ctx.app, ctx.workflowActors.admin).get('/api/reviews')).status, 200, 'admin may')

  t.equal((await act(ctx, 'office', finished, 'accept')).status, 200)
  const reportId = all.body.items[0].id
  t.equal((await office.post(`/api/reports/${reportId}/review`, { decision: 'accept' })).status, 200)
  const extensionId = extensions.body.items[0].id
  t.equal((await office.post(`/api/extension-requests/${extensionId}/decision`, { decision: 'approve' })).status, 200)
  const after = await office.get('/api/reviews')
  t.same(after.body.counts, { completion: 0, report: 2, extension: 0, total: 2 })
  t.same(after.body.items.map((i: { task: { id: number } }) => i.task.id), [finished, extended], 'the decided ones are gone')
})

t.test('a task that came in as 申请办结 (an imported ledger) is listed with its lead unit and no request step', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-10-28' }))
  const { taskId } = await ctx.newTask()
  ctx.db.$client.prepare("UPDATE tasks SET status = 'completion_requested' WHERE id = ?").run(taskId)
  const reviews = (await as(ctx.app, ctx.workflowActors.office).get('/api/reviews')).body
  t.same(reviews.counts, { completion: 1, report: 0, extension: 0, total: 1 })
  t.match(reviews.items, [{ kind: 'completion', id: taskId, unit: { id: ctx.unitA, name: String }, by: null, text: '', task: { id: taskId } }])
})
