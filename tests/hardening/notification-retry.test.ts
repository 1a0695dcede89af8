import t from 'tap'
import { as, createTestApp, seedPlanWithTask, type TestContext } from '../fixtures/harness.js'
import { eventually, smtpError, startSmtpSink, startTestWorkers } from '../fixtures/pipeline.js'

const row = (ctx: TestContext, where: string) => ctx.db.$client.prepare(`SELECT id, status, attempts FROM notifications WHERE ${where}`).get() as { id: number; status: string; attempts: number } | undefined

t.test('a failed notification is retried once through the queue, never mailed twice; /readyz counts recent failures only', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  const sink = await startSmtpSink(t)
  let refuse = true
  sink.setVerdict((session) => (refuse && session.envelope.rcptTo.some((r) => r.address === 'cgj@example.cn') ? smtpError(550, 'No such mailbox') : null))
  await startTestWorkers(t, ctx, { smtpUrl: sink.url })
  const { taskId } = await seedPlanWithTask(ctx)
  const office = as(ctx.app, ctx.actors.office)
  await office.post(`/api/tasks/${taskId}/dispatch`)
  await eventually(() => row(ctx, "status = 'failed'") !== undefined, 15_000, 'a failed notification')
  const failed = row(ctx, "status = 'failed'")!
  t.match((await as(ctx.app, null).get('/readyz')).body.checks.mail, { ok: false, detail: /1 notification\(s\) failed in the last 24 hours/ })

  t.equal((await as(ctx.app, ctx.actors.unitA).post(`/api/notifications/${failed.id}/retry`)).status, 403, 'units may not retry')
  t.equal((await office.post('/api/notifications/999999/retry')).status, 404)
  // The dispatch's other notification goes out on its own time; wait for it rather than race it.
  await eventually(() => row(ctx, "status = 'sent'") !== undefined, 15_000, 'a sent notification')
  const sentOne = row(ctx, "status = 'sent'")!
  const notFailed = await office.post(`/api/notifications/${sentOne.id}/retry`)
  t.equal(notFailed.status, 409, 'a sent notification is not retried')
  t.match(notFailed.headers['content-type'], /application\/problem\+json/)

  refuse = false
  const before = sink.received.length
  const [first, second] = await Promise.all([
    ctx.app.inject({ method: 'POST', url: `/api/notifications/${failed.id}/retry`, headers: { authorization: `Bearer ${ctx.actors.office.token}` } }),
    ctx.app.inject({ method: 'POST', url: `/api/notifications/${failed.id}/retry`, headers: { authorization: `Bearer ${ctx.actors.admin.token}` } }),
  ])
  t.same([first.statusCode, second.statusCode].sort(), [200, 409], 'of two retries at once, one wins')
  await eventually(() => row(ctx, `id = ${failed.id}`)!.status === 'sent', 15_000, 'the retried notification sent')
  await new Promise((r) => setTimeout(r, 1000))
  t.equal(sink.received.length - before, 1, 'mailed exactly once')
  t.equal((await office.post(`/api/notifications/${failed.id}/retry`)).status, 409, 'and not again once sent')
  t.match((await as(ctx.app, null).get('/readyz')).body.checks.mail, { ok: true })
  const audit = await as(ctx.app, ctx.actors.admin).get(`/api/audit?entityType=notification&entityId=${failed.id}`)
  t.equal(audit.body.items.length, 1, 'the retry is audited')

  // A failure from days ago no longer holds /readyz degraded.
  ctx.db.$client.prepare("UPDATE notifications SET status = 'failed', enqueued_at = '2026-01-01T00:00:00.000Z', created_at = '2026-01-01T00:00:00.000Z' WHERE id = ?").run(sentOne.id)
  t.match((await as(ctx.app, null).get('/readyz')).body.checks.mail, { ok: true })
})
