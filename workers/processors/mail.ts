import { UnrecoverableError, type Job } from 'bullmq'
import { enqueueSends } from '../../src/queues/enqueue-sends.js'
import { JOBS } from '../../src/queues/names.js'
import type { Queues } from '../../src/queues/queues.js'
import { PermanentMailError, type NotificationSender } from '../../src/mail/send-notification.js'
import type { NotificationsRepository } from '../../src/repositories/notifications.js'
import { notificationsForEvent, type EventNotificationDeps } from '../event-notifications.js'

export interface MailProcessorDeps extends EventNotificationDeps {
  queues: Queues
  notifications: NotificationsRepository
  send: NotificationSender
}

type MailJob = Job<{ eventId: number } | { notificationId: number }>

/** The mail queue: `event` turns an outbox event into notifications and enqueues them; `send` mails one. */
export function mailProcessor(deps: MailProcessorDeps) {
  return async (job: MailJob): Promise<{ notifications: number } | { outcome: string }> => {
    if (job.name === JOBS.event && 'eventId' in job.data) {
      const ids = notificationsForEvent(deps, job.data.eventId)
      await enqueueSends(deps.queues.mail, deps.notifications, ids)
      return { notifications: ids.length }
    }
    if (job.name === JOBS.send && 'notificationId' in job.data) {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      try {
        return { outcome: await deps.send(job.data.notificationId, { finalAttempt }) }
      } catch (err) {
        if (err instanceof PermanentMailError) throw new UnrecoverableError(err.message)
        throw err
      }
    }
    throw new UnrecoverableError(`Unknown mail job ${job.name}`)
  }
}
