// What the console's pages need from the API: the board's section filter and a task's targets with 序时进度.
import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from './fixtures/harness.js'

const ctx = await createTestApp(t, { now: '2026-07-02' })
const office = as(ctx.app, ctx.actors.office)
const { planId, taskId } = await seedPlanWithTask(ctx)

t.test('GET /api/tasks?sectionId= lists the tasks of one section', async (t) => {
  const a = await office.post(`/api/plans/${planId}/sections`, { number: '一', title: '老旧小区改造' })
  const b = await office.post(`/api/plans/${planId}/sections`, { number: '二', title: '完整社区建设' })
  const inA = await office.post(`/api/plans/${planId}/tasks`, { number: '2', title: '加装电梯', sectionId: a.body.id, leadUnitIds: [ctx.unitA] })
  await office.post(`/api/plans/${planId}/tasks`, { number: '3', title: '社区食堂', sectionId: b.body.id, leadUnitIds: [ctx.unitB] })
  const res = await office.get(`/api/tasks?planId=${planId}&sectionId=${a.body.id}`)
  t.equal(res.status, 200)
  t.same(res.body.items.map((x: { id: number }) => x.id), [inA.body.id])
  t.equal((await office.get(`/api/tasks?planId=${planId}&sectionId=0`)).status, 400, 'a bad id is a problem naming the field')
})

t.test('GET /api/tasks/{id}/progress: each target with the lead’s latest actual and 序时进度; other units get 404', async (t) => {
  await office.post(`/api/tasks/${taskId}/dispatch`, {})
  const unitA = as(ctx.app, ctx.actors.unitA)
  await unitA.post(`/api/tasks/${taskId}/acknowledge`, {})
  const task = (await office.get(`/api/tasks/${taskId}`)).body
  const targetId = task.targets[0].id
  const report = await unitA.post(`/api/tasks/${taskId}/reports`, { period: '2026-06', progress: '已开工12个', percent: 30, targetValues: [{ targetId, actual: 12 }] })
  t.equal(report.status, 201, JSON.stringify(report.body))
  const res = await office.get(`/api/tasks/${taskId}/progress`)
  t.equal(res.status, 200)
  const [item] = res.body.items
  t.match(item, { targetId, year: 2026, value: 40, actual: 12, actualPeriod: '2026-06' })
  t.ok(item.expectedToDate > 0 && item.expectedToDate < 40, '序时进度 is part of the year’s target')
  const other = ctx.app.repos.units.create({ name: '市水务局' }, null)
  const { token, user } = ctx.app.repos.users.create({ name: 'w', role: 'unit', unitId: other.id }, null)
  t.equal((await as(ctx.app, { token, id: user.id, role: 'unit', unitId: other.id }).get(`/api/tasks/${taskId}/progress`)).status, 404)
})
