// Issue 3's figures: sustained progress-report submissions (each a real, durable insert) with 20 connections.
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { shanghaiDate } from '../src/domain/dates.js'
import { hashToken } from '../src/http/tokens.js'
import { startApiServer } from './child.js'

export interface Submission { path: string; token: string; body: string }

/** The last `count` months up to the current one (reports may not be for future months). */
function recentPeriods(count: number): string[] {
  const [y, m] = shanghaiDate(new Date()).split('-').map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const months = y * 12 + (m - 1) - i
    return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`
  })
}

/**
 * Gives a clerk to every unit leading a task that takes reports (acknowledged or in progress) and lists one
 * distinct submission per task and month, so that every request is a new report, not a revision.
 */
export function prepareSubmissions(dbFile: string, limit: number): Submission[] {
  const db = new Database(dbFile)
  try {
    const tasks = db.prepare(`SELECT t.id, tu.unit_id AS unitId FROM tasks t JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead'
      WHERE t.status IN ('acknowledged', 'in_progress') ORDER BY t.id`).all() as { id: number; unitId: number }[]
    const tokens = new Map<number, string>()
    const addUser = db.prepare("INSERT INTO users (name, role, unit_id, token_hash) VALUES (?, 'unit', ?, ?)")
    db.transaction(() => {
      for (const { unitId } of tasks) {
        if (tokens.has(unitId)) continue
        const token = `bench-report-clerk-${unitId}`
        tokens.set(unitId, token)
        addUser.run(`填报员${unitId}`, unitId, hashToken(token))
      }
    })()
    const out: Submission[] = []
    for (const period of recentPeriods(12)) {
      for (const task of tasks) {
        if (out.length === limit) return out
        out.push({
          path: `/api/tasks/${task.id}/reports`,
          token: tokens.get(task.unitId)!,
          body: JSON.stringify({ period, progress: `${period}:完成年度目标的阶段性工作,推进老旧小区改造。`, problems: '资金到位较慢', nextSteps: '加快施工进度', percent: 50, targetValues: [] }),
        })
      }
    }
    return out
  } finally {
    db.close()
  }
}

export async function benchReports(ctx: { seededDbFile: string; redisUrl: string }, seconds = 10): Promise<{ reportsPerSec: number; reportP99Ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-reports-'))
  const dbFile = path.join(dir, 'reports.db')
  fs.copyFileSync(ctx.seededDbFile, dbFile)
  if (fs.existsSync(`${ctx.seededDbFile}-wal`)) fs.copyFileSync(`${ctx.seededDbFile}-wal`, `${dbFile}-wal`)
  try {
    const submissions = prepareSubmissions(dbFile, 200_000)
    const server = await startApiServer(dbFile, { REDIS_URL: ctx.redisUrl })
    try {
      let next = 0
      const run = (duration: number) => autocannon({
        url: `http://127.0.0.1:${server.port}`,
        connections: 20,
        duration,
        requests: [{
          method: 'POST',
          setupRequest: (req) => {
            const s = submissions[next++ % submissions.length]!
            return { ...req, path: s.path, body: s.body, headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' } }
          },
        }],
      })
      await run(2)
      const result = await run(seconds)
      if (next > submissions.length) throw new Error(`ran out of distinct submissions (${submissions.length})`)
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`report submissions: ${result.non2xx} non-2xx, ${result.errors} errors`)
      return { reportsPerSec: Math.round(result.requests.average), reportP99Ms: result.latency.p99 }
    } finally {
      await server.stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// `npx tsx bench/reports.ts`: this bench alone, on a freshly seeded database.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { seedBenchDatabase } = await import('./seed.js')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'))
  try {
    const seededDbFile = path.join(dir, 'seed.db')
    await seedBenchDatabase(seededDbFile)
    process.stdout.write(`${JSON.stringify(await benchReports({ seededDbFile, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }))}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
