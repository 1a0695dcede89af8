import { randomUUID } from 'node:crypto'
import type { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Db } from './db/client.js'
import { enqueuePendingSends } from './queues/enqueue-sends.js'
import { JOBS, jobIds } from './queues/names.js'
import type { NotificationsRepository } from './repositories/notifications.js'

/** The outbox events that mail someone; every other event is marked relayed without a job. */
export const MAILED_EVENTS = ['task.dispatched', 'task.returned', 'extension.decided', 'summary.generated', 'notice.issued', 'notice.reopened', 'instruction.issued'] as const
export const isMailedEvent = (type: string) => (MAILED_EVENTS as readonly string[]).includes(type)

export interface RelayLogger {
  info(msg: string): void
  warn(msg: string): void
}

export interface OutboxRelayDeps {
  db: Db
  mail: Queue
  notifications: NotificationsRepository
  log: RelayLogger
  /** The producer connection (no offline queue): the relay waits while it is not ready. */
  connection: Redis
  /** With a key, one relay at a time holds a lock in Redis, so several processes do not repeat each other's work. */
  lockKey?: string
  batchSize?: number
  intervalMs?: number
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
const LOCK_MS = 30_000

/**
 * Moves committed outbox events to the mail queue (job id = event id) and marks them relayed only after
 * the enqueue succeeded; then sweeps notifications no job carries yet. While Redis is down it says so
 * once and keeps trying: events wait in the table and flow when it is back.
 */
export function createOutboxRelay(deps: OutboxRelayDeps) {
  const { db, mail, log } = deps
  const batchSize = deps.batchSize ?? 500
  const client = db.$client
  const pending = client.prepare<[number], { id: number; type: string }>('SELECT id, type FROM outbox_events WHERE relayed_at IS NULL ORDER BY relayed_at, id LIMIT ?')
  const markRelayed = client.prepare<[string, string]>('UPDATE outbox_events SET relayed_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND relayed_at IS NULL')
  let failing = false
  let connectedOnce = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = false

  async function relayEvents(): Promise<number> {
    let total = 0
    for (;;) {
      const events = pending.all(batchSize)
      if (events.length === 0) return total
      const mailed = events.filter((e) => isMailedEvent(e.type))
      if (mailed.length) await mail.addBulk(mailed.map((e) => ({ name: JOBS.event, data: { eventId: e.id }, opts: { jobId: jobIds.event(e.id) } })))
      markRelayed.run(new Date().toISOString(), JSON.stringify(events.map((e) => e.id)))
      total += events.length
      if (events.length < batchSize) return total
    }
  }

  /** One pass: relays every pending event and enqueues pending sends. Returns what it moved. */
  async function relayOnce(): Promise<{ events: number; sends: number }> {
    const token = randomUUID()
    const { connection, lockKey } = deps
    try {
      if (connection.status !== 'ready') {
        // Before the first connection there is nothing to report yet: the connection itself says when it fails.
        if (!connectedOnce) return { events: 0, sends: 0 }
        throw new Error(`the Redis connection is ${connection.status}`)
      }
      connectedOnce = true
      if (lockKey && (await connection.set(lockKey, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return { events: 0, sends: 0 }
      try {
        const events = await relayEvents()
        const sends = await enqueuePendingSends(mail, deps.notifications)
        if (failing) log.info('Outbox relay: Redis is back; pending events and mail are moving again.')
        failing = false
        return { events, sends }
      } finally {
        if (lockKey) await connection.eval(RELEASE, 1, lockKey, token)
      }
    } catch (err) {
      if (!failing) log.warn(`Outbox relay: cannot reach the queues (${(err as Error).message}); events wait in the outbox and will be relayed later.`)
      failing = true
      return { events: 0, sends: 0 }
    }
  }

  const loop = () => {
    if (stopped) return
    running = relayOnce().finally(() => {
      running = undefined
      if (!stopped) timer = setTimeout(loop, deps.intervalMs ?? 1000)
    })
  }

  return {
    relayOnce,
    start() {
      stopped = false
      loop()
    },
    /** Stops polling and waits for a pass under way. */
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>
