import { Worker, type DefaultJobOptions, type Processor, type WorkerOptions } from 'bullmq'
import type { Config } from '../src/config.js'
import type { Db } from '../src/db/client.js'
import { shanghaiDate } from '../src/domain/dates.js'
import { createMailer, type Mailer } from '../src/mail/mailer.js'
import { createNotificationSender } from '../src/mail/send-notification.js'
import { createOutboxRelay } from '../src/outbox-relay.js'
import { openRedis } from '../src/queues/connection.js'
import type { QueueName } from '../src/queues/names.js'
import { createQueues, type Queues } from '../src/queues/queues.js'
import { upsertSchedulers } from '../src/queues/schedulers.js'
import { createCalendarRepository } from '../src/repositories/calendar.js'
import { createEscalationsRepository } from '../src/repositories/escalations.js'
import type { Repositories } from '../src/repositories/index.js'
import { createNotificationsRepository } from '../src/repositories/notifications.js'
import { mailProcessor } from './processors/mail.js'
import { scanProcessor } from './processors/scan.js'
import { summaryProcessor } from './processors/summaries.js'
import { createSummaryMail } from './summary-mail.js'

export interface WorkerLogger {
  info(msg: string): void
  warn(msg: string): void
  error(obj: unknown, msg?: string): void
}

/** Tuning; the defaults are production's, tests and the bench shorten them. */
export interface WorkerTuning {
  mailConcurrency?: number
  /** How long a mail job's lock lasts without renewal: a killed worker's mail is taken over after it. */
  lockDurationMs?: number
  relayIntervalMs?: number
  /** Override retry and retention per queue (tests: a short mail backoff). */
  jobOptions?: Partial<Record<QueueName, DefaultJobOptions>>
  /** Create the repeating jobs (default true). */
  schedulers?: boolean
}

export interface WorkerDeps {
  config: Config
  db: Db
  repos: Repositories
  log: WorkerLogger
  /** The domain's "now"; the wall clock unless given. */
  clock?: () => Date
  tuning?: WorkerTuning
}

export interface RunningWorkers {
  queues: Queues
  workers: Worker[]
  relay: ReturnType<typeof createOutboxRelay>
  mailer: Mailer
  /** Stops taking jobs, lets running ones finish for up to `timeoutMs`, then closes everything. */
  close(timeoutMs?: number): Promise<void>
}

export const SHUTDOWN_TIMEOUT_MS = 10_000
const SCAN_LOCK_MS = 5 * 60_000

/**
 * Starts the queue workers (scans, summaries, mail), the outbox relay and the schedulers against one
 * Redis. Any number of processes may run them: BullMQ hands each job to one worker, the relay takes a
 * lock, and every write is keyed so that repeating it adds nothing.
 */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { config, db, repos, log } = deps
  const tuning = deps.tuning ?? {}
  const clock = deps.clock ?? (() => new Date())
  const today = () => shanghaiDate(clock())
  const prefix = config.redisPrefix

  const workerRedis = openRedis(config.redisUrl, {
    onDown: (m) => log.warn(`Workers: Redis at ${config.redisUrl} is unreachable (${m}); jobs resume when it is back.`),
    onUp: () => log.info('Workers: Redis is reachable again.'),
  })
  const producerRedis = openRedis(config.redisUrl, { failFast: true })
  const queues = createQueues(producerRedis.connection, prefix, { jobOptions: tuning.jobOptions })
  // Outages are reported once by the connection's hooks; the queues' own echoes of them add nothing.
  for (const q of queues.list) q.on('error', () => {})

  const notifications = createNotificationsRepository(db)
  const escalations = createEscalationsRepository(db, { tasks: repos.tasks, clock })
  // A fresh read each time: the API process may have changed the overrides since this one started.
  const calendar = () => createCalendarRepository(db).calendar()
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, from: config.mailFrom })
  const summaryMail = createSummaryMail(db)
  const send = createNotificationSender({ notifications, mailer, instance: prefix, summaryContent: summaryMail.content })

  const locks = (lockDuration: number): Partial<WorkerOptions> => ({ lockDuration, stalledInterval: Math.max(1000, lockDuration / 2), maxStalledCount: 3 })
  // A scan or a summary holds the event loop while its transaction runs (seconds when catching up), so
  // its lock must outlast that; mail jobs are short, and a dead worker's are taken over quickly.
  const LOCKS: Record<QueueName, Partial<WorkerOptions>> = { scans: locks(SCAN_LOCK_MS), summaries: locks(SCAN_LOCK_MS), mail: locks(tuning.lockDurationMs ?? 10_000) }
  const start = (name: QueueName, processor: Processor, concurrency: number) => {
    const worker = new Worker(name, processor, { connection: workerRedis.connection, prefix, ...LOCKS[name], concurrency })
    worker.on('failed', (job, err) => log.warn(`Job ${name}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`))
    worker.on('error', (err) => log.error({ err }, `Worker ${name}: ${err.message}`))
    return worker
  }
  const workers = [
    start('scans', scanProcessor({ db, queues, notifications, escalations, calendar, today }), 1),
    start('summaries', summaryProcessor({ db, repos, calendar, today, clock }), 1),
    start('mail', mailProcessor({ db, queues, notifications, send, summaryTitle: summaryMail.title }), tuning.mailConcurrency ?? 20),
  ]

  const relay = createOutboxRelay({
    db, mail: queues.mail, notifications, log, intervalMs: tuning.relayIntervalMs,
    connection: producerRedis.connection, lockKey: `${prefix}:outbox-relay-lock`,
  })
  relay.start()
  let schedulerTimer: NodeJS.Timeout | undefined
  const ensureSchedulers = () => {
    clearTimeout(schedulerTimer)
    upsertSchedulers(queues).catch((err: Error) => {
      log.warn(`Schedulers not set yet (${err.message}); retrying.`)
      schedulerTimer = setTimeout(ensureSchedulers, 5000)
    })
  }
  if (tuning.schedulers !== false) producerRedis.connection.on('ready', ensureSchedulers)

  return {
    queues, workers, relay, mailer,
    async close(timeoutMs = SHUTDOWN_TIMEOUT_MS) {
      clearTimeout(schedulerTimer)
      await relay.stop()
      let timer: NodeJS.Timeout | undefined
      const timedOut = await Promise.race([
        Promise.all(workers.map((w) => w.close())).then(() => false),
        new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), timeoutMs) }),
      ])
      clearTimeout(timer)
      if (timedOut) {
        log.warn(`Workers did not finish within ${timeoutMs} ms; closing anyway (their jobs are retried elsewhere).`)
        await Promise.all(workers.map((w) => w.close(true)))
      }
      await queues.close()
      mailer.close()
      workerRedis.close()
      producerRedis.close()
    },
  }
}
