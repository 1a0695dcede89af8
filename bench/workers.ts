import { deleteRedisKeys } from '../src/queues/delete-keys.js'
// Issue 4's pipeline figures: the daily scan over 100,000 tasks, and reminders mailed through the queues.
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { Redis } from 'ioredis'
import { SMTPServer } from 'smtp-server'
import { loadConfig } from '../src/config.js'
import { openDatabase, type Db } from '../src/db/client.js'
import { shanghaiDate } from '../src/domain/dates.js'
import { enqueueSends } from '../src/queues/enqueue-sends.js'
import { createQueues } from '../src/queues/queues.js'
import { createCalendarRepository } from '../src/repositories/calendar.js'
import { createEscalationsRepository } from '../src/repositories/escalations.js'
import { createLightsRepository } from '../src/repositories/lights.js'
import { createRepositories } from '../src/repositories/index.js'
import { createNotificationsRepository, type NewNotification } from '../src/repositories/notifications.js'
import { runDailyScan } from '../workers/daily-scan.js'
import { startWorkers } from '../workers/start.js'

export interface BenchContext { seededDbFile: string; redisUrl: string }

/** A private copy of the seeded database (the pipeline writes to it), removed by `done`. */
function copyOf(seededDbFile: string): { db: Db; dir: string; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-workers-'))
  fs.copyFileSync(seededDbFile, path.join(dir, 'duban.db'))
  const db = openDatabase(path.join(dir, 'duban.db'))
  return { db, dir, done: () => { db.$client.close(); fs.rmSync(dir, { recursive: true, force: true }) } }
}

/** The first working day after the National Day holiday: eight days of deadlines turn overdue at once. */
const SCAN_DAY = '2026-10-08'
const DAY_BEFORE = '2026-09-30'
/** The day October's report reminder window opens: a digest for each of the 2,000 units. */
const REPORT_DAY = '2026-10-20'
const REPORT_DAY_BEFORE = '2026-10-19'

/**
 * `escalationScanMs`: the daily scan of 8 October 2026 over 100,000 tasks, in steady state (the scan of the
 * working day before has run), including writing its rows and putting its mail on the queue. Also: the
 * same day re-run (nothing new), the day the monthly report reminders go out to every unit, and the first
 * scan of a fresh database, which catches up nine months of overdue tasks at once.
 */
export async function benchEscalationScan({ seededDbFile, redisUrl }: BenchContext): Promise<Record<string, number>> {
  const { db, done } = copyOf(seededDbFile)
  const prefix = `bench-scan-${randomBytes(4).toString('hex')}`
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queues = createQueues(redis, prefix)
  try {
    const repos = createRepositories(db, () => SCAN_DAY)
    const notifications = createNotificationsRepository(db)
    const deps = { db, calendar: createCalendarRepository(db).calendar(), notifications, escalations: createEscalationsRepository(db, { tasks: repos.tasks, clock: () => new Date() }) }
    const scan = async (asOf: string) => {
      const started = performance.now()
      const { result, notificationIds } = runDailyScan(deps, asOf)
      await enqueueSends(queues.mail, notifications, notificationIds)
      return { ms: Math.round(performance.now() - started), result }
    }
    // The database as it stood that day: lights as the day before's scan left them (the seed stored today's).
    createLightsRepository(db, { calendar: () => deps.calendar }).recompute('all', DAY_BEFORE)
    const first = await scan(DAY_BEFORE)
    const day = await scan(SCAN_DAY)
    const again = await scan(SCAN_DAY)
    if (again.result.notifications !== 0) throw new Error(`re-running ${SCAN_DAY} queued ${again.result.notifications} notifications`)
    await scan(REPORT_DAY_BEFORE)
    const report = await scan(REPORT_DAY)
    const escalated = (r: typeof day.result) => r.escalations.l1 + r.escalations.l2 + r.escalations.l3
    return {
      escalationScanMs: day.ms,
      escalationScanNotifications: day.result.notifications,
      escalationScanEscalations: escalated(day.result),
      escalationRerunMs: again.ms,
      reportReminderScanMs: report.ms,
      reportReminderScanNotifications: report.result.notifications,
      escalationFirstScanMs: first.ms,
      escalationFirstScanEscalations: escalated(first.result),
    }
  } finally {
    await queues.close()
    redis.disconnect()
    await deleteRedisKeys(redisUrl, prefix)
    done()
  }
}

const EMAILS = 20_000

/**
 * The SMTP sink, run as a child process (`--smtp-sink <n>`) so that it does not share the workers' CPU:
 * accepts everything, counts distinct Message-IDs and duplicates, and reports over IPC once `n` are in.
 */
function runSmtpSink(expected: number) {
  const seen = new Set<string>()
  let duplicates = 0
  const sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, callback) {
      let head = ''
      stream.on('data', (chunk: Buffer) => { if (head.length < 4096) head += chunk.toString('latin1') })
      stream.on('end', () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? ''
        if (seen.has(id)) duplicates++
        seen.add(id)
        if (seen.size === expected) process.send!({ received: seen.size, duplicates })
        callback()
      })
    },
  })
  sink.listen(0, '127.0.0.1', () => process.send!({ port: (sink.server.address() as AddressInfo).port }))
}
if (process.argv[2] === '--smtp-sink') runSmtpSink(Number(process.argv[3]))

/**
 * `emailsPerSec`: 20,000 reminder notifications put on the mail queue and sent by the mail workers over
 * SMTP to a local smtp-server sink (another process), from the first enqueue to the last message
 * accepted; a message accepted twice fails the bench.
 */
export async function benchEmails({ seededDbFile, redisUrl }: BenchContext): Promise<{ emailsPerSec: number }> {
  const { db, dir, done } = copyOf(seededDbFile)
  const prefix = `bench-mail-${randomBytes(4).toString('hex')}`
  const sink = fork(fileURLToPath(import.meta.url), ['--smtp-sink', String(EMAILS)], { execArgv: ['--import', 'tsx'] })
  const port = await new Promise<number>((resolve) => sink.once('message', (m: { port: number }) => resolve(m.port)))
  const allIn = new Promise<{ received: number; duplicates: number }>((resolve) => sink.once('message', resolve))
  const config = { ...loadConfig({ DATA_DIR: dir, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' }), smtpUrl: `smtp://127.0.0.1:${port}` }
  const repos = createRepositories(db, () => shanghaiDate(new Date()))
  const notifications = createNotificationsRepository(db)
  const quiet = { info: () => {}, warn: (m: string) => process.stderr.write(`${m}\n`), error: (_o: unknown, m?: string) => process.stderr.write(`${m}\n`) }
  const running = await startWorkers({ config, db, repos, log: quiet, tuning: { schedulers: false, mailConcurrency: 100 } })
  try {
    const units = db.$client.prepare('SELECT id, contact_emails AS emails FROM units ORDER BY id').all() as { id: number; emails: string }[]
    const tasks = db.$client.prepare('SELECT id FROM tasks ORDER BY id LIMIT ?').all(EMAILS) as { id: number }[]
    const rows: NewNotification[] = tasks.map((task, i) => {
      const unit = units[i % units.length]!
      const email = (JSON.parse(unit.emails) as string[])[0]!
      return {
        dedupeKey: `reminder:5d:${task.id}:2026-06-24:${email}`, kind: 'deadline_reminder', recipientEmail: email, unitId: unit.id, taskId: task.id,
        subject: `【到期提醒】任务“${task.id}”距完成时限还有5个工作日`, bodyText: '请抓紧推进,按时办结并报送进展。', bodyHtml: '<p>请抓紧推进,按时办结并报送进展。</p>',
      }
    })
    const ids = db.transaction(() => notifications.insertMany(rows))
    const started = performance.now()
    await enqueueSends(running.queues.mail, notifications, ids)
    const { duplicates } = await allIn
    const seconds = (performance.now() - started) / 1000
    if (duplicates > 0) throw new Error(`${duplicates} message(s) were delivered twice`)
    return { emailsPerSec: Math.round(EMAILS / seconds) }
  } finally {
    await running.close()
    sink.kill()
    await deleteRedisKeys(redisUrl, prefix)
    done()
  }
}
