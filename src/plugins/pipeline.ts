import { QueueEvents } from 'bullmq'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { escalationOpenedAt } from '../domain/escalation-ladder.js'
import { openRedis, type RedisHandle } from '../queues/connection.js'
import type { QueueName } from '../queues/names.js'
import { createQueues, type Queues } from '../queues/queues.js'
import { createEscalationsRepository, type EscalationsRepository } from '../repositories/escalations.js'
import { createNotificationsRepository, type NotificationsRepository } from '../repositories/notifications.js'
import type { TimelineEntry } from '../timeline.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The delivery pipeline as the API sees it: the ledgers, and the queues it adds jobs to. */
    pipeline: {
      notifications: NotificationsRepository
      escalations: EscalationsRepository
      queues: Queues
      /** Completion events of a queue, for `?wait=true` (opened on first use). */
      queueEvents(name: QueueName): Promise<QueueEvents>
    }
  }
}

/** Outbox events older than this and still not relayed make /readyz report a backlog. */
const RELAY_BACKLOG_AGE_S = 60
/** /readyz reports mail that failed this recently and was not retried since. */
const FAILED_MAIL_WINDOW_MS = 24 * 3600_000
const LEVEL_NAMES = { 1: 'L1 催办', 2: 'L2 督办', 3: 'L3 领导督办' } as const

/**
 * Wires the pipeline into the API: repositories for escalations and notifications, producers on the shared
 * Redis connection (adding fails fast while it is down), readiness checks for failed mail and the relay
 * backlog, and escalations and notifications in the task timeline.
 */
export default fp<{ config: Config }>(async (app, { config }) => {
  const notifications = createNotificationsRepository(app.db)
  const escalations = createEscalationsRepository(app.db, { tasks: app.repos.tasks, clock: app.clock })
  const queues = createQueues(app.redis, config.redisPrefix)
  // Outages are reported once by the Redis plugin; the queues' own echoes of them add nothing.
  for (const q of queues.list) q.on('error', () => {})
  const events = new Map<QueueName, { handle: RedisHandle; events: QueueEvents }>()
  const queueEvents = async (name: QueueName) => {
    let entry = events.get(name)
    if (!entry) {
      const handle = openRedis(config.redisUrl)
      entry = { handle, events: new QueueEvents(name, { connection: handle.connection, prefix: config.redisPrefix }) }
      entry.events.on('error', (err) => app.log.warn(`Queue events of ${name}: ${err.message}`))
      events.set(name, entry)
    }
    await entry.events.waitUntilReady()
    return entry.events
  }
  app.decorate('pipeline', { notifications, escalations, queues, queueEvents })
  app.addHook('onClose', async () => {
    await Promise.all([...events.values()].map(async ({ handle, events: e }) => {
      await e.close()
      handle.close()
    }))
    await queues.close()
  })

  const backlog = app.db.$client.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM outbox_events WHERE relayed_at IS NULL AND created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)`)
  app.readinessChecks.push(
    { name: 'mail', critical: false, run: () => {
      const failed = notifications.countFailed(new Date(Date.now() - FAILED_MAIL_WINDOW_MS))
      return { ok: failed === 0, detail: failed === 0 ? 'no failed notifications in the last 24 hours' : `${failed} notification(s) failed in the last 24 hours; retry them with POST /api/notifications/{id}/retry` }
    } },
    { name: 'outbox', critical: false, run: () => {
      const n = backlog.get(`-${RELAY_BACKLOG_AGE_S} seconds`)!.n
      return { ok: n === 0, detail: n === 0 ? 'relayed' : `${n} event(s) waiting over ${RELAY_BACKLOG_AGE_S} s for the relay` }
    } },
  )

  const userName = app.db.$client.prepare<[number], { id: number; name: string }>('SELECT id, name FROM users WHERE id = ?')
  const actor = (id: number | null) => (id === null ? null : userName.get(id) ?? null)
  app.timelineSources.push(
    (taskId) => escalations.forTask(taskId).flatMap((e): TimelineEntry[] => {
      const data = { escalationId: e.id, level: e.level, deadline: e.deadline, reason: e.reason, status: e.status }
      const name = LEVEL_NAMES[e.level as 1 | 2 | 3]
      return [
        { at: escalationOpenedAt(e.openedOn, e.createdAt), kind: 'escalation', actor: null,
          summary: `${name} opened (${e.reason === 'overdue' ? 'overdue' : 'reports missing two periods'})`, data: { ...data, event: 'opened' } },
        ...(e.acknowledgedAt ? [{ at: e.acknowledgedAt, kind: 'escalation', actor: actor(e.acknowledgedBy), summary: `${name} acknowledged`, comment: e.note, data: { ...data, event: 'acknowledged' } }] : []),
        ...(e.resolvedAt ? [{ at: e.resolvedAt, kind: 'escalation', actor: actor(e.resolvedBy), summary: `${name} resolved`, comment: e.note, data: { ...data, event: 'resolved' } }] : []),
      ]
    }),
    (taskId) => notifications.forTask(taskId).map((n): TimelineEntry => ({
      at: n.createdAt, kind: 'notification', actor: null, summary: `${n.subject} → ${n.recipientEmail} (${n.status})`,
      data: { notificationId: n.id, kind: n.kind, subject: n.subject, recipientEmail: n.recipientEmail, status: n.status, sentAt: n.sentAt },
    })),
  )
}, { name: 'pipeline', dependencies: ['db', 'redis', 'timeline'] })
