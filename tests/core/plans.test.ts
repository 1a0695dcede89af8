import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('plans and sections', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const created = await office.post('/api/plans', {
    title: '北票市城市更新五年行动计划(2021年—2025年)', docNumber: '北政办发〔2021〕60号', issuer: '北票市人民政府办公室',
    issuedOn: '2021-12-29', startYear: 2021, endYear: 2025, reportingDay: 20,
  })
  t.equal(created.status, 201)
  t.match(created.body, { docNumber: '北政办发〔2021〕60号', reportingDay: 20, yellowDays: 5, escalationL2Days: 5, escalationL3Days: 15 })
  const id = created.body.id

  t.equal((await office.post('/api/plans', { title: 'again', docNumber: '北政办发〔2021〕60号', startYear: 2021, endYear: 2025 })).status, 409, 'one plan per 文号')
  const backwards = await office.post('/api/plans', { title: 'x', startYear: 2025, endYear: 2021 })
  t.equal(backwards.status, 422)
  t.equal(backwards.body.errors[0].field, 'endYear')
  t.equal((await office.post('/api/plans', { title: 'x', startYear: 2025 })).status, 400)
  t.equal((await office.post('/api/plans', { title: 'x', startYear: 2021, endYear: 2025, issuedOn: '29/12/2021' })).status, 400)
  t.equal((await office.post('/api/plans', { title: 'x', startYear: 2021, endYear: 2025, reportingDay: 31 })).status, 400)

  const s1 = await office.post(`/api/plans/${id}/sections`, { number: '一', title: '开展“城市洁净”行动' })
  t.equal(s1.status, 201)
  t.equal((await office.post(`/api/plans/${id}/sections`, { number: '一', title: 'dup' })).status, 409)
  t.equal((await office.post('/api/plans/999/sections', { number: '一', title: 'x' })).status, 404)
  await office.post(`/api/plans/${id}/sections`, { number: '二', title: '开展“市容管理”行动', position: 1 })

  const got = await office.get(`/api/plans/${id}`)
  t.same(got.body.sections.map((s: { number: string }) => s.number), ['一', '二'])
  const patched = await office.patch(`/api/plans/${id}`, { yellowDays: 3 })
  t.equal(patched.body.yellowDays, 3)
  t.equal((await office.patch(`/api/plans/${id}`, { endYear: 2000 })).status, 422)
  t.equal((await office.get('/api/plans/999')).status, 404)
  t.equal((await office.get('/api/plans')).body.items.length, 1)
})

t.test("changing a plan's yellow window relights its tasks", async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const office = as(ctx.app, ctx.actors.office)
  const plan = await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2027 })
  // Deadline Fri 2026-11-27: five working days after Fri 2026-11-20.
  const task = await office.post(`/api/plans/${plan.body.id}/tasks`, { number: '1', title: 't', leadUnitIds: [ctx.unitA], deadline: '2026-11-27' })
  t.equal(task.body.light, 'yellow', 'within five working days')
  await office.patch(`/api/plans/${plan.body.id}`, { yellowDays: 3 })
  t.equal((await office.get(`/api/tasks/${task.body.id}`)).body.light, 'green', 'not within three')
  t.equal((await office.get('/api/tasks?light=green')).body.items.length, 1, 'the list filter agrees')
})
