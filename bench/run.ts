// `npm run bench [-- --json]`: seeds 100,000 tasks over 2,000 units into a temporary database and measures
// every figure the issues name. With --json the last line of stdout is one JSON object of all the keys.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchTaskList } from './api.js'
import { benchConsole } from './console.js'
import { benchFuzz } from './fuzz.js'
import { benchDashboard } from './dashboard.js'
import { benchImports } from './imports.js'
import { benchParse } from './parse.js'
import { benchPlanFiles } from './plan-files.js'
import { benchReports } from './reports.js'
import { seedBenchDatabase } from './seed.js'
import { benchSignIn } from './sign-in.js'
import { benchSoak } from './soak.js'
import { benchMonthlySummary } from './summaries.js'
import { benchUploads } from './uploads.js'
import { benchEmails, benchEscalationScan } from './workers.js'

const json = process.argv.includes('--json')
const log = (line: string) => process.stdout.write(`${line}\n`)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'))
const seededDbFile = path.join(dir, 'seed.db')
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const figures: Record<string, number> = {}

async function step(name: string, run: () => Promise<Record<string, number>>) {
  const started = Date.now()
  log(`# ${name} …`)
  const result = await run()
  Object.assign(figures, result)
  log(`  ${Object.entries(result).map(([k, v]) => `${k}=${v}`).join('  ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

try {
  let data: Awaited<ReturnType<typeof seedBenchDatabase>> | undefined
  await step('seed 100,000 tasks over 2,000 units', async () => {
    const t = Date.now()
    data = await seedBenchDatabase(seededDbFile)
    return { seedMs: Date.now() - t }
  })
  const ctx = { seededDbFile, redisUrl }
  await step('task list vs hello (issue 2)', () => benchTaskList(seededDbFile, data!))
  await step('report submissions (issue 3)', () => benchReports(ctx))
  await step('daily escalation scan (issue 4)', () => benchEscalationScan(ctx))
  await step('monthly summary of 100,000 tasks (issue 4)', () => benchMonthlySummary(ctx))
  await step('20,000 reminder mails (issue 4)', () => benchEmails(ctx))
  await step('plan-text parse (issue 5)', () => benchParse())
  await step('imports and ledgers (issue 5)', () => benchImports(ctx))
  await step('plan files: .docx, PDF, a 300-page PDF (issue 13)', () => benchPlanFiles())
  await step('console board and initial download (issue 9)', () => benchConsole(ctx, data!))
  await step('10 concurrent sign-ins (issue 9)', () => benchSignIn(ctx))
  await step('evidence uploads (issue 10)', () => benchUploads())
  await step('generated requests to every operation (issue 12)', () => benchFuzz(ctx))
  await step('soak: minutes of mixed traffic (issue 12)', () => benchSoak(ctx, data!))
  await step('lights and the leaders\' dashboard (issue 11)', () => benchDashboard(seededDbFile, data!))
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
if (json) log(JSON.stringify(figures))
