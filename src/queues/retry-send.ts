import type { Queue } from 'bullmq'
import { JOBS, jobIds } from './names.js'

/**
 * Puts a notification's send job on the mail queue again: the failed job is retried with its attempts reset
 * (BullMQ `Job.retry`), a job that is gone (trimmed) or finished is replaced by a new one with the same id,
 * and a job still waiting or running is left alone. Sending checks the ledger (only a queued row is mailed),
 * so however often this runs, the message goes out once.
 */
export async function retrySend(mail: Queue, notificationId: number): Promise<void> {
  const jobId = jobIds.send(notificationId)
  const job = await mail.getJob(jobId)
  if (job) {
    const state = await job.getState()
    if (state === 'failed') return job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
    if (state !== 'completed' && state !== 'unknown') return
    await job.remove()
  }
  await mail.add(JOBS.send, { notificationId }, { jobId })
}
