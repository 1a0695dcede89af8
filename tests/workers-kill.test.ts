// A worker PROCESS killed with SIGKILL in the middle of a batch of mail, then restarted: nothing is lost
// and nothing is sent twice. And SIGTERM lets a worker process finish and exit cleanly.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { as, createTestApp, type TestContext } from './fixtures/harness.js'
import { eventually, smtpError, startSmtpSink, deleteRedisKeys } from './fixtures/pipeline.js'

const repo = fileURLToPath(new URL('..', import.meta.url))

/** `npm run worker` as a child process over the test's database, Redis prefix and SMTP server. */
function spawnWorker(t: Test, ctx: TestContext, smtpUrl: string): ChildProcess & { exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: repo,
    env: { ...process.env, DATA_DIR: ctx.dir, REDIS_URL: ctx.config.redisUrl, REDIS_PREFIX: ctx.config.redisPrefix, SMTP_URL: smtpUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => { output += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { output += d.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    if (output.trim()) t.comment(`worker ${child.pid} said:\n${output.trim()}`)
  })
  return Object.assign(child, { exited })
}

const sentCount = (ctx: TestContext) => (ctx.db.$client.prepare("SELECT count(*) AS n FROM notifications WHERE status = 'sent'").get() as { n: number }).n

t.test('SIGKILL mid-batch, restart: every message once', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  t.teardown(() => deleteRedisKeys(ctx.config.redisUrl, ctx.config.redisPrefix))
  const sink = await startSmtpSink(t)
  const office = as(ctx.app, ctx.actors.office)
  const plan = await office.post('/api/plans', { title: '城市更新行动计划', docNumber: '测试〔2026〕77号', startYear: 2026, endYear: 2028 })
  const TASKS = 120
  for (let i = 1; i <= TASKS; i++) {
    const task = await office.post(`/api/plans/${plan.body.id}/tasks`, { number: String(i), title: `任务${i}`, deadline: '2026-12-31', leadUnitIds: [ctx.unitA], responsibleUnitIds: [ctx.unitB] })
    t.equal((await office.post(`/api/tasks/${task.body.id}/dispatch`, {})).status, 200)
  }
  const TOTAL = TASKS * 2

  // The server accepts the first 80 messages, then holds every further one unanswered. Once the worker has
  // recorded all it was told were accepted, it is killed with sends in flight and jobs active.
  const ACCEPT_FIRST = 80
  let holding = false
  const held: (() => void)[] = []
  sink.setVerdict(() => {
    if (!holding && sink.received.length < ACCEPT_FIRST) return null
    holding = true
    return new Promise<Error>((resolve) => held.push(() => resolve(smtpError(421, 'Service shutting down'))))
  })
  const first = spawnWorker(t, ctx, sink.url)
  await eventually(() => holding && held.length > 0, 60_000, 'the batch to be under way')
  await eventually(() => sentCount(ctx) === sink.received.length, 10_000, 'the accepted messages to be recorded')
  first.kill('SIGKILL')
  t.equal(await first.exited, null, 'killed')
  const inFlight = held.length
  t.ok(inFlight > 0, `${inFlight} message(s) were in flight when the worker died`)
  t.ok(sink.received.length < TOTAL, `${sink.received.length} of ${TOTAL} delivered before the kill`)
  holding = false
  sink.setVerdict(() => null)
  for (const release of held.splice(0)) release()

  const second = spawnWorker(t, ctx, sink.url)
  await sink.waitFor(TOTAL, 90_000)
  await eventually(() => sentCount(ctx) === TOTAL, 10_000, 'all recorded as sent')
  await new Promise((r) => setTimeout(r, 1500))
  t.equal(sink.received.length, TOTAL, 'nothing sent twice')
  t.equal(new Set(sink.received.map((m) => m.messageId)).size, TOTAL, 'one Message-ID each')
  const keys = (ctx.db.$client.prepare('SELECT dedupe_key AS k FROM notifications ORDER BY k').all() as { k: string }[]).map((r) => r.k)
  t.same(sink.received.map((m) => m.dedupeKey).sort(), keys, 'every notification delivered: nothing lost')

  second.kill('SIGTERM')
  const started = Date.now()
  t.equal(await second.exited, 0, 'SIGTERM: a clean exit')
  t.ok(Date.now() - started < 20_000, 'within the shutdown time limit')
})
