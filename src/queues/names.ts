import type { DefaultJobOptions } from 'bullmq'

/** The queues: the daily scan, summary generation, and mail (domain events to notifications, and sending them). */
export const QUEUE_NAMES = ['scans', 'summaries', 'mail'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

export const JOBS = {
  dailyScan: 'daily-scan',
  /** Turns one outbox event into notifications. */
  event: 'event',
  /** Sends one notification. */
  send: 'send',
} as const

/** BullMQ job ids may not contain ':'; these name the thing the job is about, so a second add is a no-op. */
export const jobIds = {
  send: (notificationId: number) => `n${notificationId}`,
  event: (eventId: number) => `e${eventId}`,
}

const HOUR = 3600

/** Finished jobs are kept a while for bull-board and for jobId dedupe, then trimmed. */
const retention = { removeOnComplete: { age: 24 * HOUR, count: 20_000 }, removeOnFail: { age: 14 * 24 * HOUR, count: 20_000 } }

export const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  scans: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...retention },
  summaries: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...retention },
  // About six hours of retries (10 s doubling, 12 attempts) ride out an SMTP outage.
  mail: { attempts: 12, backoff: { type: 'exponential', delay: 10_000 }, ...retention },
}
