import t from 'tap'
import { outsidePlanYears } from '../../src/domain/plan-period.js'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('the rule: deadlines and targets within the plan years, a due date within its target year', async (t) => {
  const plan = { startYear: 2021, endYear: 2025 }
  t.same(outsidePlanYears(plan, { deadline: '2025-12-31', targets: [{ year: 2021 }, { year: 2025, dueOn: '2025-06-30' }] }), [])
  t.same(outsidePlanYears(plan, { deadline: '2026-01-01', targets: [{ year: 2026 }, { year: 2024, dueOn: '2025-01-01' }] }).map((e) => e.field), ['deadline', 'targets/0/year', 'targets/1/dueOn'])
  t.same(outsidePlanYears(plan, { deadline: null }), [])
})

t.test('a deadline or target outside the plan is 422 on create and patch; an extension may go past the end', async (t) => {
  const ctx = await createTestApp(t, { now: '2025-11-20' })
  const office = as(ctx.app, ctx.actors.office)
  const plan = (await office.post('/api/plans', { title: '北票市城市更新五年行动计划', startYear: 2021, endYear: 2025 })).body
  const base = { number: '1', title: '整治城市街道环境', leadUnitIds: [ctx.unitA] }
  const late = await office.post(`/api/plans/${plan.id}/tasks`, { ...base, deadline: '2026-12-31', targets: [{ year: 2026, description: '改造老旧小区40个' }] })
  t.equal(late.status, 422)
  t.match(late.headers['content-type'], /application\/problem\+json/)
  t.same(late.body.errors.map((e: { field: string }) => e.field), ['deadline', 'targets/0/year'])
  const ok = await office.post(`/api/plans/${plan.id}/tasks`, { ...base, deadline: '2025-12-31', targets: [{ year: 2025, description: '改造老旧小区40个' }] })
  t.equal(ok.status, 201)
  const patched = await office.patch(`/api/tasks/${ok.body.id}`, { deadline: '2026-03-31' })
  t.equal(patched.status, 422)
  t.equal(patched.body.errors[0].field, 'deadline')
  t.equal((await office.get(`/api/tasks/${ok.body.id}`)).body.deadline, '2025-12-31', 'unchanged')

  await office.post(`/api/tasks/${ok.body.id}/dispatch`)
  const unit = as(ctx.app, ctx.actors.unitA)
  await unit.post(`/api/tasks/${ok.body.id}/acknowledge`)
  const asked = await unit.post(`/api/tasks/${ok.body.id}/extension-requests`, { newDeadline: '2026-06-30', reason: '征收未完成' })
  t.equal(asked.status, 201, 'an extension past the plan end may be asked')
  const decided = await office.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'approve' })
  t.equal(decided.status, 200, 'and approved: the office decides it explicitly')
  t.equal((await office.get(`/api/tasks/${ok.body.id}`)).body.deadline, '2026-06-30')
})
