import Database from 'better-sqlite3'
import { Redis } from 'ioredis'
import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { tempDir, uniquePrefix } from './fixtures/harness.js'

// kill -9 of the real server during a burst of report submissions: every report it answered 201 for is on disk.

const root = fileURLToPath(new URL('..', import.meta.url))
const ADMIN_TOKEN = 'crash-test-admin-token-0001'

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo
    server.close(() => resolve(port))
  }).on('error', reject)
})

t.test('kill -9 during a burst of reports loses no acknowledged report', async (t) => {
  const dir = tempDir(t, 'duban-crash')
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const prefix = uniquePrefix('crash')
  // The server makes its queues under the prefix; they outlive a killed process.
  t.teardown(async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
    redis.disconnect()
  })
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
    cwd: root,
    env: {
      ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN, RUN_WORKERS: 'false',
      REDIS_PREFIX: prefix, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  let dead = false
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { dead = true; resolve(signal) }))
  t.teardown(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL') })

  const call = async (token: string, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    })
    return { status: res.status, body: await res.json() as any }
  }
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the server did not start')
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 100))
  }

  // Set up over HTTP, as the office would: two units with their clerks, a plan, three tasks signed for.
  const admin = (method: string, url: string, body?: unknown) => call(ADMIN_TOKEN, method, url, body)
  const unitA = (await admin('POST', '/api/units', { name: '市住建局' })).body.id
  const unitB = (await admin('POST', '/api/units', { name: '市城管局' })).body.id
  const tokenA = (await admin('POST', '/api/users', { name: '住建局填报员', role: 'unit', unitId: unitA })).body.token as string
  const tokenB = (await admin('POST', '/api/users', { name: '城管局填报员', role: 'unit', unitId: unitB })).body.token as string
  const plan = (await admin('POST', '/api/plans', { title: '城市更新行动计划', startYear: 2024, endYear: 2027 })).body.id
  const taskIds: number[] = []
  for (const n of [1, 2, 3]) {
    const task = await admin('POST', `/api/plans/${plan}/tasks`, { number: String(n), title: `任务${n}`, leadUnitIds: [unitA], cooperatingUnitIds: [unitB], deadline: '2027-12-31' })
    t.equal(task.status, 201)
    t.equal((await admin('POST', `/api/tasks/${task.body.id}/dispatch`, {})).status, 200)
    t.equal((await call(tokenA, 'POST', `/api/tasks/${task.body.id}/acknowledge`, {})).status, 200)
    taskIds.push(task.body.id)
  }

  // 20 clients submit reports (new ones and revisions) until the server, killed under them, is gone.
  const acknowledged: { id: number; revision: number; progress: string }[] = []
  let sent = 0
  let killed = false
  const months = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)
  const client = async (c: number) => {
    while (!dead) {
      const n = sent++
      const progress = `burst ${c}-${n}`
      try {
        const res = await call(n % 3 === 0 ? tokenB : tokenA, 'POST', `/api/tasks/${taskIds[n % 3]}/reports`, { period: months[n % months.length], progress, percent: n % 100, targetValues: [] })
        if (res.status === 201) acknowledged.push({ id: res.body.id, revision: res.body.revision, progress })
        else if (!killed) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`)
      } catch (err) {
        if (!killed) throw err
      }
      if (acknowledged.length >= 400 && !killed) {
        killed = true
        child.kill('SIGKILL')
      }
    }
  }
  await Promise.all(Array.from({ length: 20 }, (_, c) => client(c)))
  t.equal(await exited, 'SIGKILL', 'the server died by SIGKILL')
  t.ok(sent > acknowledged.length, `requests were cut off by the kill (${sent} sent, ${acknowledged.length} acknowledged)`)

  const db = new Database(path.join(dir, 'duban.db'))
  t.teardown(() => db.close())
  const find = db.prepare<[number, number], { progress: string }>('SELECT rv.progress FROM report_revisions rv WHERE rv.report_id = ? AND rv.revision = ?')
  const missing = acknowledged.filter((a) => find.get(a.id, a.revision)?.progress !== a.progress)
  t.same(missing, [], `all ${acknowledged.length} acknowledged reports are in the file`)
  const stored = (db.prepare('SELECT COUNT(*) AS n FROM report_revisions').get() as { n: number }).n
  t.ok(stored >= acknowledged.length, `${stored} revisions stored`)
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok')
})
