import type { Queue } from 'bullmq'
import type { NotificationsRepository } from '../repositories/notifications.js'
import { JOBS, jobIds } from './names.js'

const CHUNK = 1000
/** A queued notification put on the queue this long ago without being sent is put on it again (a no-op while its job exists). */
export const STALE_ENQUEUE_MS = 15 * 60_000

// Ledger timestamps (enqueued, sent) are wall-clock: they record operations, not domain dates.

/** Puts one send job per notification on the mail queue (job id = notification id), then notes when. */
export async function enqueueSends(mail: Queue, ledger: NotificationsRepository, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    await mail.addBulk(chunk.map((id) => ({ name: JOBS.send, data: { notificationId: id }, opts: { jobId: jobIds.send(id) } })))
    ledger.markEnqueued(chunk, new Date())
  }
}

/**
 * Enqueues the queued notifications no job carries yet: written while Redis was down, or by a process
 * that died between its commit and its enqueue. Returns how many.
 */
export async function enqueuePendingSends(mail: Queue, ledger: NotificationsRepository): Promise<number> {
  let total = 0
  for (;;) {
    const ids = ledger.idsToEnqueue(new Date(Date.now() - STALE_ENQUEUE_MS), CHUNK)
    if (ids.length === 0) return total
    await enqueueSends(mail, ledger, ids)
    total += ids.length
  }
}
