import type { NotificationsRepository } from '../repositories/notifications.js'
import { isPermanentMailError, type MailAttachment, type Mailer } from './mailer.js'
import { summaryBody } from './templates.js'

export interface NotificationSenderDeps {
  notifications: NotificationsRepository
  mailer: Mailer
  /** Names this installation in Message-IDs (e.g. the Redis prefix), so two installations never collide. */
  instance: string
  /** A summary mail's body and Word file, rendered when it is sent (the row holds only the subject). */
  summaryContent?: (summaryId: number) => Promise<SummaryContent | null>
}

export interface SummaryContent { text: string; html: string; attachment: MailAttachment }

/** The server refused for good (5xx); the notification is marked failed and not retried. */
export class PermanentMailError extends Error {}

export const messageIdOf = (notificationId: number, instance: string) => `<notification-${notificationId}.${instance}@duban.local>`

/** How long sent marks gather before they are committed together. */
const MARK_BATCH_MS = 20

/**
 * Group commit: each caller waits until its id is in a committed batch, so a burst of messages costs one
 * durable commit (one fsync), not one each.
 */
function groupCommit(commit: (ids: number[]) => void) {
  let pending: { id: number; done: (err?: unknown) => void }[] = []
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    const batch = pending
    pending = []
    timer = undefined
    try {
      commit(batch.map((p) => p.id))
      for (const p of batch) p.done()
    } catch (err) {
      for (const p of batch) p.done(err)
    }
  }
  return (id: number) => new Promise<void>((resolve, reject) => {
    pending.push({ id, done: (err) => (err ? reject(err) : resolve()) })
    timer ??= setTimeout(flush, MARK_BATCH_MS)
  })
}

/**
 * Sends one notification and marks it sent. A notification no longer queued (sent, or given up) is not
 * sent again, so an at-least-once job never mails twice; only a crash between the server's acceptance and
 * the mark's commit can repeat a message, and then with the same Message-ID.
 */
export function createNotificationSender(deps: NotificationSenderDeps) {
  const markSent = groupCommit((ids) => deps.notifications.markSent(ids, new Date()))
  return async function send(id: number, opts: { finalAttempt: boolean }): Promise<'sent' | 'not-queued'> {
    const row = deps.notifications.get(id)
    if (!row || row.status !== 'queued') return 'not-queued'
    try {
      const summary = row.summaryId !== null && deps.summaryContent ? await deps.summaryContent(row.summaryId) : null
      const body = summary ? summaryBody(summary) : { text: row.bodyText, html: row.bodyHtml }
      await deps.mailer.send({
        to: row.recipientEmail,
        subject: row.subject,
        ...body,
        messageId: messageIdOf(row.id, deps.instance),
        headers: { 'X-Duban-Notification': row.dedupeKey },
        attachments: summary ? [summary.attachment] : [],
      })
    } catch (err) {
      const permanent = isPermanentMailError(err)
      deps.notifications.recordFailure(id, (err as Error).message, permanent || opts.finalAttempt)
      throw permanent ? new PermanentMailError((err as Error).message) : err
    }
    await markSent(id)
    return 'sent'
  }
}
export type NotificationSender = ReturnType<typeof createNotificationSender>
