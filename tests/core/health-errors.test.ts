import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('liveness and readiness', async (t) => {
  const ctx = await createTestApp(t)
  t.same((await as(ctx.app, null).get('/healthz')).body, { status: 'ok' })
  await new Promise((r) => setTimeout(r, 200))
  const ready = await as(ctx.app, null).get('/readyz')
  t.equal(ready.status, 200)
  t.match(ready.body, { checks: { database: { ok: true } } })
})

t.test('Redis unreachable: the API still serves and /readyz says what is degraded', async (t) => {
  const ctx = await createTestApp(t, { env: { REDIS_URL: 'redis://127.0.0.1:6399' } })
  await new Promise((r) => setTimeout(r, 300))
  const ready = await as(ctx.app, null).get('/readyz')
  t.equal(ready.status, 200)
  t.equal(ready.body.status, 'degraded')
  t.equal(ready.body.checks.redis.ok, false)
  t.match(ready.body.checks.redis.detail, /ECONNREFUSED|connect|close|reconnecting/)
  const office = as(ctx.app, ctx.actors.office)
  t.equal((await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2027 })).status, 201, 'writes go on')
})

t.test('problems: unknown route, wrong content, body too large, rate limit, and 5xx hides internals', async (t) => {
  const ctx = await createTestApp(t, { env: { BODY_LIMIT_BYTES: '2048', RATE_LIMIT_PER_MINUTE: '30' } })
  ctx.app.get('/api/boom', { config: { roles: ['admin'] } }, async () => {
    throw new Error('SQLITE_CORRUPT at /secret/path/duban.db')
  })
  const admin = as(ctx.app, ctx.actors.admin)
  const missing = await admin.get('/api/nothing-here')
  t.equal(missing.status, 404)
  t.match(missing.headers['content-type'], /application\/problem\+json/)
  t.match(missing.body, { type: '/problems/not-found', title: 'Not Found', status: 404 })

  const boom = await admin.get('/api/boom')
  t.equal(boom.status, 500)
  t.match(boom.headers['content-type'], /application\/problem\+json/)
  t.notMatch(JSON.stringify(boom.body), /SQLITE|secret|stack/, 'no internals')

  const big = await admin.post('/api/units', { name: 'x'.repeat(4000) })
  t.equal(big.status, 413)
  t.match(big.headers['content-type'], /application\/problem\+json/)

  const text = await ctx.app.inject({ method: 'POST', url: '/api/units', headers: { authorization: `Bearer ${ctx.actors.admin.token}`, 'content-type': 'text/plain' }, payload: 'name=x' })
  t.equal(text.statusCode, 415)

  const bad = await ctx.app.inject({ method: 'POST', url: '/api/units', headers: { authorization: `Bearer ${ctx.actors.admin.token}`, 'content-type': 'application/json' }, payload: '{"name":' })
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /application\/problem\+json/)

  const leader = as(ctx.app, ctx.actors.leader)
  let limited = 0
  for (let i = 0; i < 40; i++) if ((await leader.get('/api/plans')).status === 429) limited++
  t.ok(limited > 0, 'the leader token hits its limit')
  const other = await as(ctx.app, ctx.actors.supervisor).get('/api/plans')
  t.equal(other.status, 200, 'the limit is per token')
  const lastLimited = await leader.get('/api/plans')
  t.equal(lastLimited.status, 429)
  t.match(lastLimited.headers['content-type'], /application\/problem\+json/)
  t.equal((await as(ctx.app, { ...ctx.actors.admin, token: 'nope' }).get('/api/plans')).status, 401, 'an unknown token')
})
