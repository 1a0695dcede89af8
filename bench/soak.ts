// Issue 12's soak: minutes of mixed traffic against one server process, window by window, to see whether it
// slows down or grows: task-list pages at distinct URLs (which no cache can help), the same few list URLs
// again and again, report submissions, and single-task reads.
import autocannon from 'autocannon'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApiServer } from './child.js'
import { prepareSubmissions } from './reports.js'
import type { BenchDataset } from './seed.js'

/** The server's CPU time so far (user + system), in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}
const statusKb = (pid: number, key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)

export interface SoakWindow { rps: number; cpuMsPerReq: number; rssMb: number; rssAnonMb: number; non2xx: number }

/**
 * SOAK_SECONDS (default 300) of mixed traffic in windows of a minute (a fifth of the run when shorter):
 * `soakRpsDrift` is the last window's rps over the first's (goal ≥ 0.9), `soakCpuMsPerReqDrift` the server's
 * CPU per request in the last window over the first (goal ≤ 1.1), `soakRssMb` its peak resident set (goal
 * ≤ 300), split at the end into anonymous memory (the heap) and file pages (the database mapped).
 */
export async function benchSoak(ctx: { seededDbFile: string; redisUrl: string }, data: BenchDataset, seconds = Number(process.env.SOAK_SECONDS ?? 300)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-soak-'))
  const dbFile = path.join(dir, 'soak.db')
  fs.copyFileSync(ctx.seededDbFile, dbFile)
  if (fs.existsSync(`${ctx.seededDbFile}-wal`)) fs.copyFileSync(`${ctx.seededDbFile}-wal`, `${dbFile}-wal`)
  try {
    const submissions = prepareSubmissions(dbFile, 200_000)
    const server = await startApiServer(dbFile, { REDIS_URL: ctx.redisUrl })
    try {
      const list = { authorization: `Bearer ${data.tokens.office}`, 'accept-encoding': 'gzip, deflate, br' }
      const sorts = ['id', 'deadline']
      let n = 0
      const next = (): { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string } => {
        const i = n++
        const kind = i % 10
        if (kind < 4) {
          // 2,000 units × 20 variants (2 sorts × 10 page sizes): 40,000 distinct URLs, none repeated within five
          // minutes, and every variant equally often in every window (the mix must not drift by itself).
          const c = (i >> 2) % (data.unitIds.length * 20)
          const u = c % data.unitIds.length
          const variant = (Math.floor(c / data.unitIds.length) + u) % 20
          return { method: 'GET', path: `/api/tasks?unitId=${data.unitIds[u]}&sort=${sorts[variant % 2]}&limit=${20 + (variant >> 1)}`, headers: list }
        }
        if (kind < 6) return { method: 'GET', path: `/api/tasks?unitId=${data.unitIds[i % 20]}&limit=50`, headers: list }
        if (kind === 6) {
          const s = submissions[(i / 10) % submissions.length | 0]!
          return { method: 'POST', path: s.path, body: s.body, headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' } }
        }
        return { method: 'GET', path: `/api/tasks/${1 + ((i * 7919) % data.taskCount)}`, headers: list }
      }
      const windowSeconds = Math.max(5, Math.min(60, Math.round(seconds / 5)))
      const windows: SoakWindow[] = []
      // Untimed warm-up (JIT, first pages from disk): the first window compares like with like.
      await autocannon({ url: `http://127.0.0.1:${server.port}`, connections: 20, duration: Math.min(15, windowSeconds), requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] })
      for (let elapsed = 0; elapsed < seconds; elapsed += windowSeconds) {
        const cpuBefore = cpuMs(server.pid)
        const result = await autocannon({
          url: `http://127.0.0.1:${server.port}`, connections: 20, duration: windowSeconds,
          requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
        })
        const requests = result.requests.total
        windows.push({
          rps: Math.round(requests / windowSeconds),
          cpuMsPerReq: Number(((cpuMs(server.pid) - cpuBefore) / requests).toFixed(3)),
          rssMb: Math.round(statusKb(server.pid, 'VmRSS') / 1024),
          rssAnonMb: Math.round(statusKb(server.pid, 'RssAnon') / 1024),
          non2xx: result.non2xx + result.errors,
        })
      }
      if (process.env.SOAK_VERBOSE) process.stderr.write(`${JSON.stringify(windows)}\n`)
      const [first, last] = [windows[0]!, windows[windows.length - 1]!]
      return {
        soakRpsDrift: Number((last.rps / first.rps).toFixed(3)),
        soakCpuMsPerReqDrift: Number((last.cpuMsPerReq / first.cpuMsPerReq).toFixed(3)),
        soakRssMb: server.peakRssMb(),
        soakFirstRps: first.rps,
        soakLastRps: last.rps,
        soakRssAnonMb: Math.round(statusKb(server.pid, 'RssAnon') / 1024),
        soakRssFileMb: Math.round(statusKb(server.pid, 'RssFile') / 1024),
        soakNon2xx: windows.reduce((sum, w) => sum + w.non2xx, 0),
      }
    } finally {
      await server.stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// `SOAK_SECONDS=60 npx tsx bench/soak.ts`: this bench alone, on a freshly seeded database (kept in SOAK_SEED_DIR
// when given, and reused by the next run, to compare changes on the same data).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { seedBenchDatabase } = await import('./seed.js')
  const keep = process.env.SOAK_SEED_DIR
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'))
  try {
    const seededDbFile = path.join(dir, 'seed.db')
    const dataFile = path.join(dir, 'seed.json')
    let data: BenchDataset
    if (keep && fs.existsSync(dataFile)) data = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as BenchDataset
    else {
      fs.mkdirSync(dir, { recursive: true })
      data = await seedBenchDatabase(seededDbFile)
      fs.writeFileSync(dataFile, JSON.stringify(data))
    }
    process.stdout.write(`${JSON.stringify(await benchSoak({ seededDbFile, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, data))}\n`)
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true })
  }
}
