// The monthly dispatch (月调度) over the seeded plan of 100,000 tasks: load, compute and store, timed in a
// child process of its own so its peak resident memory is the summary's and nothing else's. It runs with
// `npm start`'s node flags, heap limit included, since the service generates summaries in its own process.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFlags } from '../scripts/build.js'

const CHILD_ENV = 'BENCH_SUMMARY_DB'
/** December 2026, generated on the first working day of 2027, as the scheduler would. */
const PERIOD = '2026-12'
const TODAY = '2027-01-04'

export async function benchMonthlySummary(ctx: { seededDbFile: string; redisUrl: string }): Promise<{ monthlySummaryMs: number; summaryRssMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-summary-'))
  try {
    // Generating stores a row: work on a copy.
    const file = path.join(dir, 'summary.db')
    fs.copyFileSync(ctx.seededDbFile, file)
    const script = fileURLToPath(import.meta.url)
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', script], { env: { ...process.env, [CHILD_ENV]: file }, stdio: ['ignore', 'pipe', 'inherit'] })
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString() })
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`summary bench child exited with ${code}`))))
    })
    const result = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; maxRssKb: number }
    return { monthlySummaryMs: result.ms, summaryRssMb: Math.round(result.maxRssKb / 1024) }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function child(file: string) {
  const { openDatabase } = await import('../src/db/client.js')
  const { createRepositories } = await import('../src/repositories/index.js')
  const { createSummaryService } = await import('../src/summaries/service.js')
  const db = openDatabase(file)
  const today = () => TODAY
  const repos = createRepositories(db, today)
  const planId = (db.$client.prepare('SELECT id FROM plans ORDER BY id LIMIT 1').get() as { id: number }).id
  const service = createSummaryService({ db, repos, today })
  repos.calendar.calendar()
  const started = performance.now()
  const summary = service.generate({ kind: 'monthly', planId, period: PERIOD }, null)
  const ms = Math.round(performance.now() - started)
  if (!summary.created) throw new Error('the bench summary was not generated')
  db.$client.close()
  process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS })}\n`)
}

if (process.env[CHILD_ENV] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) await child(process.env[CHILD_ENV])

/** `npx tsx bench/summaries.ts`: seeds a database of its own and prints the figures. */
if (!process.env[CHILD_ENV] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  const { seedBenchDatabase } = await import('./seed.js')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-seed-'))
  try {
    const seededDbFile = path.join(dir, 'seed.db')
    await seedBenchDatabase(seededDbFile)
    process.stdout.write(`${JSON.stringify(await benchMonthlySummary({ seededDbFile, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }))}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
