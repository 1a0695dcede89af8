import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { act, withWorkflowActors } from './fixtures/workflow.js'

t.test('待办: to sign for, reports due with working days left, returned with the reason, extension decisions', async (t) => {
  // Friday 2026-11-20; the plan's reporting day is the 25th (Wednesday): 3 working days left.
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const w = ctx.workflowActors
  const lead = as(ctx.app, w.lead)
  const coop = as(ctx.app, w.cooperating)
  const office = as(ctx.app, w.office)

  const fresh = await ctx.newTask()
  await act(ctx, 'office', fresh.taskId, 'dispatch')
  const other = await ctx.newTask({ number: '2', title: '另一项任务' })
  await act(ctx, 'office', other.taskId, 'dispatch')
  let todo = await lead.get('/api/todo')
  t.equal(todo.status, 200)
  t.same(todo.body.toSign.map((x: any) => x.task.id), [fresh.taskId, other.taskId])
  t.same(todo.body.toSign.map((x: any) => x.role), ['lead', 'lead'])
  t.same(todo.body.reportsDue, [], 'nothing to report before signing')
  t.same((await coop.get('/api/todo')).body.toSign, [], 'only the lead signs for a task')
  t.equal((await office.get('/api/todo')).status, 403, 'the to-do list is a unit’s')
  t.same((await as(ctx.app, w.outsider).get('/api/todo')).body.counts.total, 0, 'another unit has nothing')

  await act(ctx, 'lead', fresh.taskId, 'acknowledge')
  todo = await lead.get('/api/todo')
  t.equal(todo.body.counts.toSign, 1)
  t.match(todo.body.reportsDue, [{ task: { id: fresh.taskId }, role: 'lead', period: '2026-11', dueOn: '2026-11-25', workingDaysLeft: 3 }])
  t.match((await coop.get('/api/todo')).body.reportsDue, [{ task: { id: fresh.taskId }, role: 'cooperating' }], 'cooperating units report too')

  t.equal((await lead.post(`/api/tasks/${fresh.taskId}/reports`, { period: '2026-11', progress: '已完成摸底', percent: 30, targetValues: [] })).status, 201)
  todo = await lead.get('/api/todo')
  t.same(todo.body.reportsDue, [], 'reported this period')

  await lead.post(`/api/tasks/${fresh.taskId}/completion-request`, { summary: '已完成' })
  await office.post(`/api/tasks/${fresh.taskId}/review`, { decision: 'return', comment: '佐证材料不全' })
  const coopReport = await coop.post(`/api/tasks/${fresh.taskId}/reports`, { period: '2026-11', progress: '配合', percent: 30, targetValues: [] })
  await office.post(`/api/reports/${coopReport.body.id}/review`, { decision: 'return', comment: '请补充数据' })
  todo = await lead.get('/api/todo')
  t.match(todo.body.returned, [{ task: { id: fresh.taskId }, kind: 'completion', reason: '佐证材料不全' }])
  t.match((await coop.get('/api/todo')).body.returned, [{ kind: 'report', reason: '请补充数据', reportId: coopReport.body.id, period: '2026-11' }])

  const ext = await lead.post(`/api/tasks/${fresh.taskId}/extension-requests`, { newDeadline: '2027-06-30', reason: '征收未完成' })
  await office.post(`/api/extension-requests/${ext.body.id}/decision`, { decision: 'reject', comment: '理由不充分' })
  todo = await lead.get('/api/todo')
  t.match(todo.body.decisions, [{ task: { id: fresh.taskId }, extension: { id: ext.body.id, status: 'rejected', decisionComment: '理由不充分' } }])
  t.same(todo.body.counts, { toSign: 1, reportsDue: 0, returned: 1, decisions: 1, notices: 0, instructions: 0, total: 3 })
  ctx.setNow('2027-01-05')
  t.equal((await lead.get('/api/todo')).body.counts.decisions, 0, 'decisions leave the list after 30 days')
})

t.test('待办: 督办单 awaiting the reply and 批示 awaiting 落实情况, each until the unit answers', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const w = ctx.workflowActors
  const lead = as(ctx.app, w.lead)
  const supervisor = as(ctx.app, w.supervisor)
  const leader = as(ctx.app, w.leader)
  const { taskId } = await ctx.newTask()
  await act(ctx, 'office', taskId, 'dispatch')
  await act(ctx, 'lead', taskId, 'acknowledge')
  const late = (await supervisor.post('/api/notices', { taskId, problem: '进度滞后', requirement: '请反馈', replyBy: '2026-12-10' })).body
  const soon = (await supervisor.post('/api/notices', { taskId, problem: '未报送', requirement: '请反馈', replyBy: '2026-11-24' })).body
  const instruction = (await leader.post('/api/instructions', { targetType: 'task', targetId: taskId, text: '请市住建局加快推进' })).body
  const toUnit = (await leader.post('/api/instructions', { targetType: 'unit', targetId: ctx.unitA, text: '请统筹推进', replyBy: '2026-11-25' })).body

  let todo = (await lead.get('/api/todo')).body
  t.same(todo.notices.map((n: { id: number }) => n.id), [soon.id, late.id], 'open notices to the unit, soonest reply-by first')
  t.match(todo.notices[0], { number: soon.number, taskId, replyBy: '2026-11-24', status: 'open', overdue: false })
  t.same(todo.instructions.map((i: { id: number }) => i.id), [toUnit.id, instruction.id], 'instructions awaiting its 落实情况, soonest first')
  t.match(todo.counts, { notices: 2, instructions: 2, total: 4 + todo.counts.reportsDue })
  for (const other of ['cooperating', 'outsider'] as const) {
    const theirs = (await as(ctx.app, w[other]).get('/api/todo')).body
    t.same([theirs.notices, theirs.instructions], [[], []], `${other}: not addressed, not on its list`)
  }

  t.equal((await lead.post(`/api/notices/${soon.id}/reply`, { text: '已补报' })).status, 200)
  t.equal((await lead.post(`/api/instructions/${instruction.id}/report`, { text: '已召开专题会' })).status, 200)
  todo = (await lead.get('/api/todo')).body
  t.same(todo.notices.map((n: { id: number }) => n.id), [late.id], 'a replied notice leaves the list')
  t.same(todo.instructions.map((i: { id: number }) => i.id), [toUnit.id], 'so does an instruction the unit reported on')
  t.equal((await supervisor.post(`/api/notices/${soon.id}/reopen`, { reason: '佐证材料不全' })).status, 200)
  ctx.setNow('2026-12-11')
  todo = (await lead.get('/api/todo')).body
  t.match(todo.notices, [{ id: soon.id, status: 'open' }, { id: late.id, overdue: true }], 'asked again, it is back; an overdue one stays')
  t.match(todo.instructions, [{ id: toUnit.id, status: 'overdue' }], 'an overdue instruction stays until reported')
})

t.test('填报 context: targets with actual and 序时进度, own report, partners’ contributions', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-07-02' }))
  const w = ctx.workflowActors
  const { taskId } = await ctx.newTask({ targets: [{ year: 2026, description: '改造老旧小区40个', value: 40, measure: '个' }] })
  await act(ctx, 'office', taskId, 'dispatch')
  await act(ctx, 'lead', taskId, 'acknowledge')
  const lead = as(ctx.app, w.lead)
  let c = await lead.get(`/api/tasks/${taskId}/report-context`)
  t.equal(c.status, 200)
  t.match(c.body, { taskId, role: 'lead', due: { period: '2026-07', dueOn: '2026-07-25' }, mine: null, canReport: true, contributions: [] })
  const target = c.body.targets[0]
  t.match(target, { description: '改造老旧小区40个', value: 40, actual: null, onPace: false })
  t.ok(target.expectedToDate > 19 && target.expectedToDate < 21, '序时进度 about half of 40 on 2 July')

  const coop = await as(ctx.app, w.cooperating).post(`/api/tasks/${taskId}/reports`, { period: '2026-07', progress: '配合拆迁', percent: 50, targetValues: [] })
  t.equal(coop.status, 201)
  await lead.post(`/api/tasks/${taskId}/reports`, { period: '2026-07', progress: '已改造25个', percent: 60, targetValues: [{ targetId: target.targetId, actual: 25 }] })
  c = await lead.get(`/api/tasks/${taskId}/report-context`)
  t.match(c.body.mine, { period: '2026-07', progress: '已改造25个' })
  t.match(c.body.targets[0], { actual: 25, onPace: true })
  t.match(c.body.contributions, [{ unit: { id: ctx.unitB }, progress: '配合拆迁' }], 'the lead sees the cooperating unit’s contribution')
  t.equal((await as(ctx.app, w.outsider).get(`/api/tasks/${taskId}/report-context`)).status, 404)
  t.equal((await as(ctx.app, w.office).get(`/api/tasks/${taskId}/report-context`)).status, 403)
  t.equal((await lead.get(`/api/tasks/${taskId}/report-context?period=2026-13`)).status, 400)
})
