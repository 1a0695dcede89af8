import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from '../fixtures/harness.js'

t.test('an action whose body has no required field takes no body at all', async (t) => {
  const ctx = await createTestApp(t)
  const { taskId } = await seedPlanWithTask(ctx)
  const post = (actor: 'office' | 'unitA', url: string, headers: Record<string, string> = {}, payload?: string) =>
    ctx.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${ctx.actors[actor].token}`, ...headers }, ...(payload === undefined ? {} : { payload }) })
  const dispatched = await post('office', `/api/tasks/${taskId}/dispatch`)
  t.equal(dispatched.statusCode, 200, `no body, no Content-Type: ${dispatched.body}`)
  const acknowledged = await post('unitA', `/api/tasks/${taskId}/acknowledge`, { 'content-type': 'application/json' }, '')
  t.equal(acknowledged.statusCode, 200, `an empty JSON body: ${acknowledged.body}`)
  const needsReason = await post('office', `/api/tasks/${taskId}/suspend`, { 'content-type': 'application/json' }, '')
  t.equal(needsReason.statusCode, 400, 'a body with a required field is still required')
  t.match(needsReason.headers['content-type'], /application\/problem\+json/)
  t.match(JSON.parse(needsReason.body).errors, [{ in: 'body' }])
  const broken = await post('office', `/api/tasks/${taskId}/suspend`, { 'content-type': 'application/json' }, '{"reason":')
  t.equal(broken.statusCode, 400, 'broken JSON is still refused')
  const poisoned = await post('office', '/api/units', { 'content-type': 'application/json' }, '{"name":"x","__proto__":{"admin":true}}')
  t.equal(poisoned.statusCode, 400, 'prototype poisoning is still refused')
  t.equal((await as(ctx.app, ctx.actors.office).get(`/api/tasks/${taskId}`)).body.status, 'acknowledged')
})
