// 批示 over HTTP: a leader writes one on a task, a plan or a unit; it goes to the lead unit(s) and the office
// (mail through real SMTP); the units report 落实情况; open, overdue and answered lists; scope and roles.
import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from './fixtures/harness.js'
import { eventually, startSmtpSink, startTestWorkers } from './fixtures/pipeline.js'

t.test('instructions: issue, mail, report, lists, scope and roles', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const smtp = await startSmtpSink(t)
  await startTestWorkers(t, ctx, { smtpUrl: smtp.url })
  const leader = as(ctx.app, ctx.actors.leader)
  const office = as(ctx.app, ctx.actors.office)
  const unitA = as(ctx.app, ctx.actors.unitA)
  const unitB = as(ctx.app, ctx.actors.unitB)
  const { planId, taskId } = await seedPlanWithTask(ctx)
  const bTask = (await office.post(`/api/plans/${planId}/tasks`, { number: '2', title: '整治背街小巷', leadUnitIds: [ctx.unitB] })).body.id as number

  const onTask = await leader.post('/api/instructions', { targetType: 'task', targetId: taskId, text: '请市住建局加快推进' })
  t.equal(onTask.status, 201)
  t.match(onTask.body, {
    targetType: 'task', targetId: taskId, targetName: '1. 改造老旧小区', planId, status: 'open', issuedOn: '2026-11-20', replyBy: '2026-12-04',
    issuedBy: ctx.actors.leader.id, units: [{ unitId: ctx.unitA, name: '市住建局', reportedAt: null }], reports: [],
  }, 'to the lead unit; 落实情况 due in ten working days')
  const onPlan = await leader.post('/api/instructions', { targetType: 'plan', targetId: planId, text: '各牵头单位要倒排工期', replyBy: '2026-11-30' })
  t.same(onPlan.body.units.map((u: { unitId: number }) => u.unitId), [ctx.unitA, ctx.unitB], "a plan's lead units, each once")
  const onUnit = await leader.post('/api/instructions', { targetType: 'unit', targetId: ctx.unitB, text: '请市城管局主要负责同志亲自抓' })
  t.match(onUnit.body, { targetName: '市城管局', planId: null, units: [{ unitId: ctx.unitB }] })

  t.test('bad input and roles', async (t) => {
    t.equal((await leader.post('/api/instructions', { targetType: 'task', targetId: 99999, text: 'x' })).status, 422)
    const missing = await leader.post('/api/instructions', { targetType: 'unit', targetId: 99999, text: 'x' })
    t.match(missing.body.errors, [{ field: 'targetId' }])
    t.equal((await leader.post('/api/instructions', { targetType: 'street', targetId: 1, text: 'x' })).status, 400)
    t.equal((await leader.post('/api/instructions', { targetType: 'task', targetId: taskId, text: 'x', replyBy: '2026-13-45' })).status, 400)
    t.equal((await leader.post('/api/instructions', { targetType: 'task', targetId: taskId, text: '' })).status, 400)
    for (const actor of ['office', 'supervisor', 'unitA'] as const) {
      t.equal((await as(ctx.app, ctx.actors[actor]).post('/api/instructions', { targetType: 'task', targetId: taskId, text: 'x' })).status, 403, `${actor} may not write one`)
    }
    t.equal((await leader.post(`/api/instructions/${onTask.body.id}/report`, { text: 'x' })).status, 403, 'leaders do not report')
    t.equal((await as(ctx.app, null).get('/api/instructions')).status, 401)
    for (const actor of ['admin', 'office', 'supervisor', 'leader'] as const) {
      t.equal((await as(ctx.app, ctx.actors[actor]).get(`/api/instructions/${onTask.body.id}`)).status, 200, `${actor} reads it`)
    }
  })

  t.test('mail to the units and the office', async (t) => {
    await eventually(() => smtp.received.filter((m) => m.subject.startsWith('【领导批示】')).length >= 7, 20_000, 'instruction mail')
    const to = (name: string) => smtp.received.filter((m) => m.subject === `【领导批示】${name}`).flatMap((m) => m.to).sort()
    t.same(to('1. 改造老旧小区'), ['office@example.cn', 'zjj@example.cn'])
    t.same(to('城市更新五年行动计划'), ['cgj@example.cn', 'office@example.cn', 'zjj@example.cn'])
    t.same(to('市城管局'), ['cgj@example.cn', 'office@example.cn'])
  })

  t.test('scope: a unit sees only what is addressed to it', async (t) => {
    t.same((await unitA.get('/api/instructions')).body.items.map((i: { id: number }) => i.id), [onPlan.body.id, onTask.body.id])
    t.same((await unitB.get('/api/instructions')).body.items.map((i: { id: number }) => i.id), [onUnit.body.id, onPlan.body.id])
    t.equal((await unitB.get(`/api/instructions/${onTask.body.id}`)).status, 404)
    t.equal((await unitB.post(`/api/instructions/${onTask.body.id}/report`, { text: 'x' })).status, 404)
  })

  t.test('落实情况 and the open, overdue and answered lists', async (t) => {
    ctx.setNow('2026-11-25T09:00:00+08:00')
    const reported = await unitA.post(`/api/instructions/${onTask.body.id}/report`, { text: '已成立专班,倒排工期' })
    t.equal(reported.status, 200)
    t.match(reported.body, { status: 'answered', units: [{ unitId: ctx.unitA, reportedAt: '2026-11-25T01:00:00.000Z' }], reports: [{ unitName: '市住建局', text: '已成立专班,倒排工期' }] })
    const half = await unitA.post(`/api/instructions/${onPlan.body.id}/report`, { text: '已部署' })
    t.equal(half.body.status, 'open', 'a plan instruction waits for every lead unit')
    ctx.setNow('2026-12-01')
    t.same((await office.get('/api/instructions?status=overdue')).body.items.map((i: { id: number }) => i.id), [onPlan.body.id], 'past its reply-by date')
    t.same((await office.get('/api/instructions?status=open')).body.items.map((i: { id: number }) => i.id), [onUnit.body.id])
    t.same((await office.get('/api/instructions?status=answered')).body.items.map((i: { id: number }) => i.id), [onTask.body.id])
    t.same((await office.get(`/api/instructions?unitId=${ctx.unitB}&status=overdue`)).body.items.map((i: { id: number }) => i.id), [onPlan.body.id])
    await unitB.post(`/api/instructions/${onPlan.body.id}/report`, { text: '已整改' })
    t.match((await leader.get(`/api/instructions/${onPlan.body.id}`)).body, { status: 'answered', reports: [{ unitId: ctx.unitA }, { unitId: ctx.unitB }] })
    const page = await leader.get('/api/instructions?limit=1')
    t.equal(page.body.nextCursor, String(onUnit.body.id))
    t.same((await leader.get(`/api/instructions?limit=5&cursor=${page.body.nextCursor}`)).body.items.map((i: { id: number }) => i.id), [onPlan.body.id, onTask.body.id])
    const audit = await as(ctx.app, ctx.actors.admin).get(`/api/audit?entityType=instruction&entityId=${onPlan.body.id}`)
    t.same(audit.body.items.map((e: { action: string }) => e.action), ['instruction.issue', 'instruction.report', 'instruction.report'])
    const timeline = (await unitA.get(`/api/tasks/${taskId}/timeline`)).body.items as { kind: string; comment: string }[]
    t.same(timeline.filter((e) => e.kind.startsWith('instruction')).map((e) => [e.kind, e.comment]), [
      ['instruction', '请市住建局加快推进'], ['instruction-report', '已成立专班,倒排工期'],
    ])
    t.equal(bTask > 0, true)
  })

  t.test('a unit on the task that the instruction is not addressed to does not see it in the timeline', async (t) => {
    const shared = (await office.post(`/api/plans/${planId}/tasks`, { number: '3', title: '改造燃气管网', leadUnitIds: [ctx.unitA], cooperatingUnitIds: [ctx.unitB] })).body.id as number
    const issued = await leader.post('/api/instructions', { targetType: 'task', targetId: shared, text: '请市住建局牵头尽快开工' })
    t.same(issued.body.units.map((u: { unitId: number }) => u.unitId), [ctx.unitA], 'to the lead unit only')
    await unitA.post(`/api/instructions/${issued.body.id}/report`, { text: '已开工' })
    const kinds = async (who: typeof unitA) => ((await who.get(`/api/tasks/${shared}/timeline`)).body.items as { kind: string }[]).map((e) => e.kind).filter((k) => k.startsWith('instruction'))
    t.same(await kinds(unitA), ['instruction', 'instruction-report'])
    t.same(await kinds(office), ['instruction', 'instruction-report'])
    t.equal((await unitB.get(`/api/instructions/${issued.body.id}`)).status, 404, 'the cooperating unit may not read it')
    t.same(await kinds(unitB), [], 'nor find it in the task\'s timeline')
  })

  t.test('open and overdue instructions in the monthly dispatch and the quarterly notice', async (t) => {
    const generate = async (kind: string, period: string) => {
      const res = await office.post('/api/summaries', { kind, planId, period })
      t.ok(res.status === 201 || res.status === 200, `${kind} generated`)
      return (await office.get(`/api/summaries/${res.body.id}`)).body.content as { instructions: { instructionId: number; overdue: boolean; unitsPending: string[]; target: string }[] }
    }
    // As of 30 November: the plan's instruction was overdue and 市城管局 had not reported; the task's was answered.
    const november = await generate('monthly', '2026-11')
    t.same(november.instructions.map((i) => [i.instructionId, i.target, i.overdue, i.unitsPending]), [
      [onPlan.body.id, '城市更新五年行动计划', false, ['市城管局']], [onUnit.body.id, '市城管局', false, ['市城管局']],
    ])
    const quarter = await generate('quarterly', '2026-Q4')
    t.same(quarter.instructions.map((i) => i.instructionId), [onUnit.body.id], 'by the end of the quarter only the unit\'s is open')
    const again = await generate('monthly', '2026-11')
    t.same(again, november, 'the same content for the same state')
  })
})
