// Notice numbers stay gapless and unique when two processes issue at once: the built server answering
// parallel POST /api/notices, and this process writing notices as the daily scan does, on one SQLite file.
import path from 'node:path'
import t from 'tap'
import { openDatabase } from '../src/db/client.js'
import { deleteRedisKeys } from '../src/queues/delete-keys.js'
import { writeNotice } from '../src/repositories/notices.js'
import { tempDir, uniquePrefix } from './fixtures/harness.js'
import { builtEntry, freePort, runEntry, waitFor } from './fixtures/server-process.js'

t.test('two processes, one numbering', async (t) => {
  const server = await builtEntry(t, 'src/server.ts')
  const dir = tempDir(t)
  const port = await freePort()
  const prefix = uniquePrefix('numbering')
  const token = 'numbering-admin-token-0123456789'
  const run = runEntry(server, { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN: token, RUN_WORKERS: 'false', REDIS_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '100000' })
  t.teardown(async () => {
    run.child.kill('SIGTERM')
    await run.exited
    await deleteRedisKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix).catch(() => {})
  })
  const base = `http://127.0.0.1:${port}`
  await waitFor(async () => (await fetch(`${base}/healthz`)).ok, 60_000, 'the server')
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json() as any }
  }
  const unit = (await post('/api/units', { name: '市住建局' })).body.id as number
  const plan = (await post('/api/plans', { title: '城市更新行动计划', startYear: 2026, endYear: 2028 })).body.id as number
  const task = (await post(`/api/plans/${plan}/tasks`, { number: '1', title: '改造老旧小区', leadUnitIds: [unit], deadline: '2028-12-31' })).body.id as number
  t.equal((await post(`/api/tasks/${task}/dispatch`, {})).status, 200)

  const db = openDatabase(path.join(dir, 'duban.db'))
  t.teardown(() => db.$client.close())
  const issuedOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const N = 40
  // Waves of five parallel requests, while this process writes one notice every few milliseconds.
  const overHttp = (async () => {
    const out: { status: number; body: any }[] = []
    for (let w = 0; w < N / 5; w++) out.push(...await Promise.all(Array.from({ length: 5 }, (_, i) => post('/api/notices', { taskId: task, problem: `问题${w}-${i}`, requirement: '请反馈' }))))
    return out
  })()
  const here: string[] = []
  for (let i = 0; i < N; i++) {
    here.push(db.transaction(() => writeNotice(db.$client, {
      taskId: task, unitId: unit, colour: 'red', problem: `扫描${i}`, requirement: '请反馈', issuedOn, replyBy: issuedOn, escalationId: null, issuedBy: null, at: new Date().toISOString(),
    }), { behavior: 'immediate' }).number)
    await new Promise((r) => setTimeout(r, 3))
  }
  const answers = await overHttp
  t.same(answers.map((a) => a.status), Array(N).fill(201), 'every request issued one')
  const seqs = (db.$client.prepare('SELECT seq FROM notices ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq)
  t.same(seqs, Array.from({ length: 2 * N }, (_, i) => i + 1), `1..${2 * N}, each once, from both processes`)
  const numbers = new Set([...answers.map((a) => a.body.number as string), ...here])
  t.equal(numbers.size, 2 * N, 'no number given twice')
  t.comment(`numbers written here: ${here.map((n) => /第(\d+)号/.exec(n)![1]).join(' ')}`)
})
