import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { act, taskIn, withWorkflowActors } from './fixtures/workflow.js'

const report = { period: '2026-10', progress: '完成拆迁', percent: 30, targetValues: [] as { targetId: number; actual: number }[] }

t.test('report bodies are checked against the task and the calendar', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const office = as(ctx.app, ctx.workflowActors.office)
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const { taskId } = await ctx.newTask({
    targets: [{ year: 2026, description: '改造40个', value: 40, measure: '个' }, { year: 2027, description: '改造45个', value: 45, measure: '个' }],
  })
  await act(ctx, 'office', taskId, 'dispatch')
  await act(ctx, 'lead', taskId, 'acknowledge')
  const [t2026, t2027] = (await office.get(`/api/tasks/${taskId}`)).body.targets.map((x: { id: number }) => x.id) as [number, number]
  const other = await taskIn(ctx, 'acknowledged')
  const foreign = (await office.get(`/api/tasks/${other}`)).body.targets[0].id as number

  const post = (body: object) => lead.post(`/api/tasks/${taskId}/reports`, { ...report, ...body })
  let res = await post({ period: '2026-12' })
  t.equal(res.status, 422)
  t.same(res.body.errors, [{ in: 'body', field: 'period', detail: 'is after the current month 2026-11' }])
  res = await post({ targetValues: [{ targetId: foreign, actual: 3 }, { targetId: t2027, actual: 1 }, { targetId: t2026, actual: 5 }, { targetId: t2026, actual: 6 }] })
  t.equal(res.status, 422)
  t.same(res.body.errors, [
    { in: 'body', field: 'targetValues/0/targetId', detail: `target ${foreign} is not a target of task ${taskId}` },
    { in: 'body', field: 'targetValues/1/targetId', detail: `target ${t2027} is for 2027; actuals are reported in periods of that year` },
    { in: 'body', field: 'targetValues/3/targetId', detail: `target ${t2026} is given twice` },
  ])
  for (const bad of [{ period: '2026-13' }, { percent: 101 }, { percent: -1 }, { progress: '' }, { targetValues: [{ targetId: t2026, actual: -1 }] }, { extra: 1 }]) {
    t.equal((await post(bad)).status, 400, `schema refuses ${JSON.stringify(bad)}`)
  }
  t.equal((await lead.post(`/api/tasks/${taskId}/reports`, { period: '2026-10', progress: 'x', percent: 1 })).status, 400, 'targetValues is required (may be empty)')
  t.equal((ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n, 0, 'nothing stored')

  res = await post({ targetValues: [{ targetId: t2026, actual: 12.5 }] })
  t.equal(res.status, 201)
  t.same(res.body.targetValues, [{ targetId: t2026, actual: 12.5 }])
})

t.test('who reports when', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const dispatched = await taskIn(ctx, 'dispatched')
  const refused = await act(ctx, 'lead', dispatched, 'report')
  t.equal(refused.status, 409, 'sign for the task first')
  t.same(refused.body.allowedActions, ['acknowledge', 'request-extension'])
  t.equal((await act(ctx, 'cooperating', dispatched, 'report')).status, 409)
  const suspended = await taskIn(ctx, 'suspended')
  t.equal((await act(ctx, 'responsible', suspended, 'report')).status, 409, 'not while suspended')
  const closed = await taskIn(ctx, 'closed')
  t.equal((await act(ctx, 'lead', closed, 'report')).status, 409, 'nor once closed')
  t.equal((await act(ctx, 'office', closed, 'report')).status, 403, 'the office does not report')
  t.equal((await act(ctx, 'outsider', closed, 'report')).status, 404)
  const requested = await taskIn(ctx, 'completion_requested')
  t.equal((await act(ctx, 'lead', requested, 'report')).status, 201, 'monthly reports go on while completion is reviewed')
})

t.test('reviewing reports and reading them', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const office = as(ctx.app, ctx.workflowActors.office)
  const taskId = await taskIn(ctx, 'in_progress')
  const reportId = (await as(ctx.app, ctx.workflowActors.lead).get(`/api/tasks/${taskId}/reports`)).body.items[0].id as number
  const noComment = await office.post(`/api/reports/${reportId}/review`, { decision: 'return' })
  t.equal(noComment.status, 422)
  t.same(noComment.body.errors, [{ in: 'body', field: 'comment', detail: 'is required when decision is return' }])
  t.equal((await as(ctx.app, ctx.workflowActors.lead).post(`/api/reports/${reportId}/review`, { decision: 'accept' })).status, 403, 'units do not review')
  const returned = await office.post(`/api/reports/${reportId}/review`, { decision: 'return', comment: '数据有误' })
  t.match(returned.body, { status: 'returned', review: { decision: 'return', comment: '数据有误', reviewer: { id: ctx.workflowActors.office.id } } })
  const event = ctx.db.$client.prepare("SELECT payload FROM outbox_events WHERE type = 'report.reviewed'").get() as { payload: string }
  t.match(JSON.parse(event.payload), { reportId, decision: 'return', comment: '数据有误', unitId: ctx.unitA })

  const resubmitted = await act(ctx, 'lead', taskId, 'report')
  t.match(resubmitted.body, { id: reportId, revision: 2, status: 'submitted', review: null }, 'a new revision waits for review again')
  const detail = await as(ctx.app, ctx.workflowActors.cooperating).get(`/api/reports/${reportId}`)
  t.equal(detail.status, 200, 'units on the task read its reports')
  t.same(detail.body.reviews.map((r: { revision: number; decision: string }) => [r.revision, r.decision]), [[1, 'return']])
  t.equal(detail.body.revisions.length, 2)
  t.equal((await as(ctx.app, ctx.workflowActors.outsider).get(`/api/reports/${reportId}`)).status, 404, 'others do not')
  t.equal((await office.get('/api/reports/999999')).status, 404)

  const page = await office.get(`/api/tasks/${taskId}/reports?limit=1&unitId=${ctx.unitA}`)
  t.equal(page.body.items.length, 1)
  t.equal(page.body.nextCursor, String(reportId))
  t.same((await office.get(`/api/tasks/${taskId}/reports?cursor=${page.body.nextCursor}`)).body.items, [])
})
