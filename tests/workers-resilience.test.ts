// Delivery when things break: Redis unreachable while the API takes writes, several relays and workers at
// once, and an SMTP server refusing for a while (or for good).
import t from 'tap'
import { as, createTestApp, type TestContext } from './fixtures/harness.js'
import { eventually, smtpError, startSmtpSink, startTestWorkers } from './fixtures/pipeline.js'

const count = (ctx: TestContext, where = '1 = 1') => (ctx.db.$client.prepare(`SELECT count(*) AS n FROM notifications WHERE ${where}`).get() as { n: number }).n

async function planWithTasks(ctx: TestContext, n: number) {
  const office = as(ctx.app, ctx.actors.office)
  const plan = await office.post('/api/plans', { title: '城市更新行动计划', docNumber: `测试〔2026〕${Math.floor(Math.random() * 1e6)}号`, startYear: 2026, endYear: 2028 })
  const ids: number[] = []
  for (let i = 1; i <= n; i++) {
    const res = await office.post(`/api/plans/${plan.body.id}/tasks`, { number: String(i), title: `任务${i}`, deadline: '2026-12-31', leadUnitIds: [ctx.unitA], cooperatingUnitIds: [ctx.unitB] })
    ids.push(res.body.id)
  }
  return ids
}

t.test('Redis unreachable while the API takes writes: every event is delivered once when it is back', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01', env: { REDIS_URL: 'redis://127.0.0.1:6390' } })
  const office = as(ctx.app, ctx.actors.office)
  const tasks = await planWithTasks(ctx, 6)
  for (const id of tasks) {
    const started = Date.now()
    const res = await office.post(`/api/tasks/${id}/dispatch`, {})
    t.equal(res.status, 200, `dispatch ${id} succeeds without Redis`)
    t.ok(Date.now() - started < 5000, 'and does not wait for it')
  }
  const ready = await as(ctx.app, null).get('/readyz')
  t.equal(ready.body.checks.redis.ok, false, 'readiness shows Redis down')
  t.equal((ctx.db.$client.prepare('SELECT count(*) AS n FROM outbox_events WHERE relayed_at IS NULL').get() as { n: number }).n, 6, 'the events wait in the outbox')

  // Redis is back: two worker processes' worth of relays and workers against the real server.
  const sink = await startSmtpSink(t)
  const back = { ...ctx, config: { ...ctx.config, redisUrl: 'redis://127.0.0.1:6379' } }
  await startTestWorkers(t, back, { smtpUrl: sink.url })
  await startTestWorkers(t, back, { smtpUrl: sink.url })
  await sink.waitFor(12, 30_000)
  await eventually(() => count(ctx, "status = 'sent'") === 12, 10_000, 'all sent')
  await new Promise((r) => setTimeout(r, 500))
  t.equal(sink.received.length, 12, 'two messages per dispatch (lead and cooperating unit), no more')
  t.equal(new Set(sink.received.map((m) => m.dedupeKey)).size, 12, 'none twice')
  t.same(sink.received.map((m) => m.to[0]).sort(), [...Array(6).fill('cgj@example.cn'), ...Array(6).fill('zjj@example.cn')])
  t.equal((ctx.db.$client.prepare('SELECT count(*) AS n FROM outbox_events WHERE relayed_at IS NULL').get() as { n: number }).n, 0, 'all relayed')
})

t.test('SMTP refusing for a while, then accepting: retried and delivered once', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  const sink = await startSmtpSink(t)
  let refusals = 0
  sink.setVerdict(() => (refusals++ < 8 ? smtpError(451, 'Temporary local problem, try again later') : null))
  await startTestWorkers(t, ctx, { smtpUrl: sink.url })
  const tasks = await planWithTasks(ctx, 3)
  for (const id of tasks) await as(ctx.app, ctx.actors.office).post(`/api/tasks/${id}/dispatch`, {})
  await sink.waitFor(6, 30_000)
  await eventually(() => count(ctx, "status = 'sent'") === 6, 10_000, 'all sent')
  t.ok(refusals >= 8, 'the server refused first')
  t.equal(sink.received.length, 6)
  t.equal(new Set(sink.received.map((m) => m.messageId)).size, 6, 'each delivered once')
  t.ok(count(ctx, 'attempts > 1') > 0, 'some took more than one attempt')
  t.equal(count(ctx, 'last_error IS NOT NULL'), 0, 'no error left on a sent message')
  t.equal(count(ctx, "status = 'failed'"), 0)
})

t.test('SMTP refusing one address for good: failed without retries, and /readyz says so', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  const sink = await startSmtpSink(t)
  let refusedTimes = 0
  sink.setVerdict((session) => {
    if (!session.envelope.rcptTo.some((r) => r.address === 'cgj@example.cn')) return null
    refusedTimes++
    return smtpError(550, 'No such mailbox')
  })
  await startTestWorkers(t, ctx, { smtpUrl: sink.url })
  const [id] = await planWithTasks(ctx, 1)
  await as(ctx.app, ctx.actors.office).post(`/api/tasks/${id}/dispatch`, {})
  await eventually(() => count(ctx, "status = 'failed'") === 1 && count(ctx, "status = 'sent'") === 1, 15_000, 'one sent, one failed')
  await new Promise((r) => setTimeout(r, 1000))
  t.equal(refusedTimes, 1, 'a permanent refusal is not retried')
  const failed = ctx.db.$client.prepare("SELECT recipient_email AS email, attempts, last_error AS lastError FROM notifications WHERE status = 'failed'").get()
  t.match(failed, { email: 'cgj@example.cn', attempts: 1, lastError: /550/ })
  const ready = await as(ctx.app, null).get('/readyz')
  t.match(ready.body, { status: 'degraded', checks: { mail: { ok: false, detail: '1 notification(s) failed' } } })
  const listed = await as(ctx.app, ctx.actors.office).get('/api/notifications?status=failed')
  t.same(listed.body.items.map((n: { recipientEmail: string }) => n.recipientEmail), ['cgj@example.cn'])
})
