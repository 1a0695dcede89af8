import type { Statement } from 'better-sqlite3'
import { notifications, type NotificationKind, type NotificationStatus } from '../db/schema/index.js'
import type { Viewer } from '../plugins/auth.js'
import type { Db } from './db-types.js'

export type Notification = typeof notifications.$inferSelect
/** A notification as the API lists it: without its bodies. */
export type NotificationListItem = Omit<Notification, 'bodyText' | 'bodyHtml'>

export interface NewNotification {
  dedupeKey: string
  kind: NotificationKind
  recipientEmail: string
  userId?: number | null
  unitId?: number | null
  taskId?: number | null
  escalationId?: number | null
  summaryId?: number | null
  subject: string
  bodyText: string
  bodyHtml: string
}

export interface NotificationFilter {
  status?: NotificationStatus
  taskId?: number
  kind?: NotificationKind
  afterId?: number
  limit: number
}

const LIST_COLUMNS = `id, dedupe_key AS dedupeKey, kind, recipient_email AS recipientEmail, user_id AS userId, unit_id AS unitId,
  task_id AS taskId, escalation_id AS escalationId, summary_id AS summaryId, subject, status, attempts, last_error AS lastError,
  created_at AS createdAt, enqueued_at AS enqueuedAt, sent_at AS sentAt`
const ALL_COLUMNS = `${LIST_COLUMNS}, body_text AS bodyText, body_html AS bodyHtml`

/** The notification ledger: rows are inserted once per dedupe key and then only move queued → sent | failed. */
export function createNotificationsRepository(db: Db) {
  const client = db.$client
  const insert = client.prepare(`INSERT INTO notifications
    (dedupe_key, kind, recipient_email, user_id, unit_id, task_id, escalation_id, summary_id, subject, body_text, body_html)
    VALUES (@dedupeKey, @kind, @recipientEmail, @userId, @unitId, @taskId, @escalationId, @summaryId, @subject, @bodyText, @bodyHtml)
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`)
  const byId = client.prepare<[number], Notification>(`SELECT ${ALL_COLUMNS} FROM notifications WHERE id = ?`)
  const markSent = client.prepare<[string, string]>(`UPDATE notifications SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL
    WHERE id IN (SELECT value FROM json_each(?)) AND status = 'queued'`)
  const recordFailure = client.prepare<[string, string, number]>(`UPDATE notifications SET status = ?, attempts = attempts + 1, last_error = ?
    WHERE id = ? AND status = 'queued'`)
  const toEnqueue = client.prepare<[string, number], { id: number }>(`SELECT id FROM notifications
    WHERE status = 'queued' AND (enqueued_at IS NULL OR enqueued_at < ?) ORDER BY status, enqueued_at, id LIMIT ?`)
  const markEnqueued = client.prepare<[string, string]>('UPDATE notifications SET enqueued_at = ? WHERE id IN (SELECT value FROM json_each(?))')
  const listStatements = new Map<string, Statement>()
  const listStatement = (text: string) => {
    let s = listStatements.get(text)
    if (!s) listStatements.set(text, (s = client.prepare(text)))
    return s
  }
  // Failed after being put on the mail queue (or written) since the cutoff; a retried row is queued again and not counted.
  const failedCount = client.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM notifications WHERE status = 'failed' AND coalesce(enqueued_at, created_at) >= ?")
  const requeue = client.prepare<[string, number]>("UPDATE notifications SET status = 'queued', enqueued_at = ? WHERE id = ? AND status = 'failed'")

  return {
    /**
     * Inserts the rows whose dedupe key is new and returns their ids. Call it inside the transaction that
     * decided to notify (one connection: the prepared statement takes part in it).
     */
    insertMany(rows: NewNotification[]): number[] {
      const ids: number[] = []
      for (const r of rows) {
        const inserted = insert.get({
          userId: null, unitId: null, taskId: null, escalationId: null, summaryId: null, ...r,
        }) as { id: number } | undefined
        if (inserted) ids.push(inserted.id)
      }
      return ids
    },
    get: (id: number): Notification | undefined => byId.get(id),
    /** Marks these sent (one attempt more each) in one transaction: one commit for a batch of messages. */
    markSent(ids: number[], at: Date): void {
      if (ids.length) db.transaction(() => markSent.run(at.toISOString(), JSON.stringify(ids)))
    },
    /** Records a failed attempt; `final` gives up on the message (status failed). */
    recordFailure(id: number, error: string, final: boolean): void {
      recordFailure.run(final ? 'failed' : 'queued', error.slice(0, 1000), id)
    },
    /** Queued rows not yet on the mail queue, or put there before `staleBefore` (the job may have been lost). */
    idsToEnqueue(staleBefore: Date, limit: number): number[] {
      return toEnqueue.all(staleBefore.toISOString(), limit).map((r) => r.id)
    },
    markEnqueued(ids: number[], at: Date): void {
      if (ids.length) markEnqueued.run(at.toISOString(), JSON.stringify(ids))
    },
    /** Notifications given up on that were queued (or written) since `since`. */
    countFailed: (since: Date): number => failedCount.get(since.toISOString())!.n,
    /**
     * A failed notification back to queued, noted as enqueued at `at` (its job is about to be added): true when
     * it was failed. One UPDATE, so of two retries at once only one wins.
     */
    requeueFailed(id: number, at: Date): boolean {
      return requeue.run(at.toISOString(), id).changes === 1
    },
    /** Newest first; a unit user sees the notifications of its tasks and those addressed to its unit. */
    list(filter: NotificationFilter, viewer: Viewer): { items: NotificationListItem[]; nextCursor: number | null } {
      const where: string[] = []
      const params: Record<string, unknown> = { limit: filter.limit + 1 }
      if (viewer.role === 'unit') {
        params.viewerUnit = viewer.unitId
        where.push('(n.unit_id = @viewerUnit OR EXISTS (SELECT 1 FROM task_units v WHERE v.task_id = n.task_id AND v.unit_id = @viewerUnit))')
      }
      if (filter.status) { where.push('n.status = @status'); params.status = filter.status }
      if (filter.taskId !== undefined) { where.push('n.task_id = @taskId'); params.taskId = filter.taskId }
      if (filter.kind) { where.push('n.kind = @kind'); params.kind = filter.kind }
      if (filter.afterId !== undefined) { where.push('n.id < @afterId'); params.afterId = filter.afterId }
      const rows = listStatement(`SELECT ${LIST_COLUMNS} FROM notifications n
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.id DESC LIMIT @limit`).all(params) as NotificationListItem[]
      const more = rows.length > filter.limit
      const items = more ? rows.slice(0, filter.limit) : rows
      return { items, nextCursor: more ? items[items.length - 1]!.id : null }
    },
    /** A task's notifications, oldest first (the task timeline). */
    forTask(taskId: number): NotificationListItem[] {
      return client.prepare(`SELECT ${LIST_COLUMNS} FROM notifications WHERE task_id = ? ORDER BY id`).all(taskId) as NotificationListItem[]
    },
  }
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>
