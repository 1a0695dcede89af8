import { UnrecoverableError, type Job } from 'bullmq'
import { DATE_MAX, DATE_MIN, isDomainDate, shanghaiDate } from '../../src/domain/dates.js'

/**
 * The domain date a job runs for: the `asOf` it was given (admin re-runs, time travel), else the day its
 * scheduler meant it for — not the day it happens to be processed, should a worker pick it up late.
 */
export function jobDate(job: Job<{ asOf?: string; scheduled?: boolean }>, today: () => string): string {
  if (job.data.asOf) {
    // The API refuses such dates; a job queued before it did (or by hand) fails once instead of looping or retrying.
    if (!isDomainDate(job.data.asOf)) throw new UnrecoverableError(`asOf ${job.data.asOf} is not a date from ${DATE_MIN} to ${DATE_MAX}`)
    return job.data.asOf
  }
  if (job.data.scheduled) return shanghaiDate(new Date(job.timestamp + (job.opts.delay ?? 0)))
  return today()
}
