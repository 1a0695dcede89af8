// GET /api/tasks/{id}/actions: what the viewer may do to the task now, from the lifecycle table — the console's buttons.
import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from './fixtures/harness.js'

const ctx = await createTestApp(t)
const { taskId } = await seedPlanWithTask(ctx)
const actionsOf = (actor: keyof typeof ctx.actors) => as(ctx.app, ctx.actors[actor]).get(`/api/tasks/${taskId}/actions`)

t.test('a draft task: the office may dispatch or cancel it; its units may do nothing yet', async (t) => {
  for (const who of ['office', 'admin'] as const) {
    const res = await actionsOf(who)
    t.equal(res.status, 200)
    t.same(res.body, { status: 'draft', allowedActions: ['dispatch', 'cancel'] }, who)
  }
  t.same((await actionsOf('leader')).body.allowedActions, [], 'a leader reads but never acts')
  t.same((await actionsOf('unitA')).body, { status: 'draft', allowedActions: [] }, 'the lead unit waits for 交办')
})

t.test('dispatched: the lead unit may acknowledge or ask for more time; the cooperating unit may do nothing; the office may suspend', async (t) => {
  const office = as(ctx.app, ctx.actors.office)
  t.equal((await office.post(`/api/tasks/${taskId}/dispatch`, {})).status, 200)
  t.same((await actionsOf('unitA')).body.allowedActions, ['acknowledge', 'request-extension'])
  t.same((await actionsOf('unitB')).body.allowedActions, [])
  t.same((await actionsOf('office')).body.allowedActions, ['suspend', 'cancel', 'decide-extension'])
})

t.test('another unit’s task is 404 and unknown ids too', async (t) => {
  const other = await ctx.app.repos.units.create({ name: '市水务局' }, null)
  const { token, user } = ctx.app.repos.users.create({ name: 'w', role: 'unit', unitId: other.id }, null)
  const res = await as(ctx.app, { token, id: user.id, role: 'unit', unitId: other.id }).get(`/api/tasks/${taskId}/actions`)
  t.equal(res.status, 404)
  t.equal((await as(ctx.app, ctx.actors.office).get('/api/tasks/999999/actions')).status, 404)
})
