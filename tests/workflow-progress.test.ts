import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { act, withWorkflowActors } from './fixtures/workflow.js'

t.test('plan progress: counts by status and light, actual vs target vs 序时进度', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-05-20' }))
  const office = as(ctx.app, ctx.workflowActors.office)
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const cooperating = as(ctx.app, ctx.workflowActors.cooperating)
  const { planId, taskId } = await ctx.newTask({
    deadline: '2027-12-31',
    targets: [
      { year: 2026, description: '改造老旧小区365个', value: 365, measure: '个' },
      { year: 2027, description: '改造老旧小区100个', value: 100, measure: '个' },
      { year: 2026, description: '建立长效管理机制' },
    ],
  })
  const second = await office.post(`/api/plans/${planId}/tasks`, {
    number: '2', title: '推进管网改造', leadUnitIds: [ctx.unitB], deadline: '2026-06-30',
    targets: [{ year: 2026, description: '改造管网40公里', value: 40, measure: '公里', dueOn: '2026-06-30' }],
  })
  await office.post(`/api/plans/${planId}/tasks`, { number: '3', title: '草拟', leadUnitIds: [ctx.unitA], deadline: '2026-05-25' })
  const [t365, t2027, qualitative] = (await office.get(`/api/tasks/${taskId}`)).body.targets.map((x: { id: number }) => x.id) as [number, number, number]
  const t40 = second.body.targets[0].id as number
  for (const id of [taskId, second.body.id]) {
    await act(ctx, 'office', id, 'dispatch')
  }
  await act(ctx, 'lead', taskId, 'acknowledge')
  await as(ctx.app, ctx.workflowActors.cooperating).post(`/api/tasks/${second.body.id}/acknowledge`, {})

  const report = (client: typeof lead, id: number, period: string, targetValues: { targetId: number; actual: number }[]) =>
    client.post(`/api/tasks/${id}/reports`, { period, progress: '推进中', percent: 10, targetValues })
  await report(lead, taskId, '2026-04', [{ targetId: t365, actual: 100 }])
  await report(lead, taskId, '2026-05', [{ targetId: t365, actual: 130 }])
  await report(lead, taskId, '2026-04', [{ targetId: t365, actual: 101 }]) // a late correction of an earlier month
  await report(cooperating, taskId, '2026-05', [{ targetId: t365, actual: 999 }]) // not the lead: not official
  await report(cooperating, second.body.id, '2026-04', [{ targetId: t40, actual: 20 }])
  const wrong = await report(cooperating, second.body.id, '2026-05', [{ targetId: t40, actual: 50 }])
  await office.post(`/api/reports/${wrong.body.id}/review`, { decision: 'return', comment: '数据不实' })

  ctx.setNow('2026-07-02')
  const res = await office.get(`/api/plans/${planId}/progress`)
  t.equal(res.status, 200)
  t.match(res.body, { planId, asOf: '2026-07-02', year: 2026 })
  t.same(res.body.counts, {
    total: 3,
    byStatus: { draft: 1, dispatched: 0, acknowledged: 0, in_progress: 2, completion_requested: 0, closed: 0, suspended: 0, cancelled: 0 },
    // Task 1 is yellow: 130 of 365 trails its 序时进度 (183) by 14.5 points, more than the plan's 10.
    byLight: { green: 0, yellow: 1, red: 2 },
  })
  t.same((await office.get(`/api/tasks/${taskId}`)).body.lightReasons, [{ kind: 'behind_schedule', targetId: t365, actual: 130, expected: 183 }])
  t.same(res.body.targets.items.map((x: { targetId: number; value: number | null; actual: number | null; actualPeriod: string | null; expectedToDate: number | null; onPace: boolean | null; completion: number | null }) =>
    [x.targetId, x.value, x.actual, x.actualPeriod, x.expectedToDate, x.onPace, x.completion]), [
    [t365, 365, 130, '2026-05', 183, false, 0.3562], // 2 July: 183 of 365 days
    [qualitative, null, null, null, null, null, null],
    [t40, 40, 20, '2026-04', 40, false, 0.5], // due 30 June: fully expected; the returned May report does not count
  ])
  t.equal(res.body.targets.nextCursor, null)

  const next = await office.get(`/api/plans/${planId}/progress?year=2027`)
  t.same(next.body.targets.items.map((x: { targetId: number; expectedToDate: number; actual: number | null }) => [x.targetId, x.expectedToDate, x.actual]), [[t2027, 0, null]])
  const page = await office.get(`/api/plans/${planId}/progress?limit=2`)
  t.equal(page.body.targets.items.length, 2)
  const rest = await office.get(`/api/plans/${planId}/progress?limit=2&cursor=${page.body.targets.nextCursor}`)
  t.same(rest.body.targets.items.map((x: { targetId: number }) => x.targetId), [t40])

  t.equal((await lead.get(`/api/plans/${planId}/progress`)).status, 403, "units do not see the whole plan's figures")
  t.equal((await as(ctx.app, ctx.workflowActors.leader).get(`/api/plans/${planId}/progress`)).status, 200)
  t.equal((await office.get('/api/plans/999999/progress')).status, 404)
})

t.test('unit scorecard: tasks led, closed on time, overdue, reports on time', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-05-20' }))
  const office = as(ctx.app, ctx.workflowActors.office)
  const lead = as(ctx.app, ctx.workflowActors.lead)
  const onTime = await ctx.newTask({ deadline: '2026-06-30' })
  const late = await ctx.newTask({ deadline: '2026-06-15' })
  const overdue = await ctx.newTask({ deadline: '2026-06-20' })
  await ctx.newTask({ deadline: '2026-06-01' }) // still a draft: not counted
  for (const { taskId } of [onTime, late, overdue]) {
    await act(ctx, 'office', taskId, 'dispatch')
    await act(ctx, 'lead', taskId, 'acknowledge')
  }
  const report = (taskId: number, period: string) => lead.post(`/api/tasks/${taskId}/reports`, { period, progress: '推进中', percent: 50, targetValues: [] })
  await report(onTime.taskId, '2026-05') // 20 May: on time for May (reporting day 25)
  await report(late.taskId, '2026-05')
  ctx.setNow('2026-06-26')
  await report(onTime.taskId, '2026-06') // 26 June: late for June
  await report(onTime.taskId, '2026-05') // a revision: still the on-time May report
  for (const { taskId } of [onTime, late]) await act(ctx, 'lead', taskId, 'request-completion')
  await act(ctx, 'office', onTime.taskId, 'accept') // closed 26 June, deadline 30 June
  ctx.setNow('2026-06-29')
  await act(ctx, 'office', late.taskId, 'accept') // closed 29 June, deadline 15 June

  ctx.setNow('2026-07-01')
  const card = await lead.get(`/api/units/${ctx.unitA}/scorecard`)
  t.equal(card.status, 200)
  t.same(card.body, {
    unit: { id: ctx.unitA, name: '市住建局' }, planId: null, asOf: '2026-07-01',
    tasksLed: 3, closed: 2, closedOnTime: 1, overdue: 1, reportsSubmitted: 3, reportsOnTime: 2,
  })
  const onePlan = await office.get(`/api/units/${ctx.unitA}/scorecard?planId=${onTime.planId}`)
  t.match(onePlan.body, { planId: onTime.planId, tasksLed: 1, closed: 1, closedOnTime: 1, reportsSubmitted: 2, reportsOnTime: 1 })
  t.equal((await lead.get(`/api/units/${ctx.unitB}/scorecard`)).status, 403, "a unit sees only its own scorecard")
  t.match((await as(ctx.app, ctx.workflowActors.supervisor).get(`/api/units/${ctx.unitB}/scorecard`)).body, { tasksLed: 0, reportsSubmitted: 0 })
  t.equal((await office.get('/api/units/999999/scorecard')).status, 404)
})
