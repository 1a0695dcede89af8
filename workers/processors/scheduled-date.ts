import type { Job } from 'bullmq'
import { shanghaiDate } from '../../src/domain/dates.js'

/**
 * The domain date a job runs for: the `asOf` it was given (admin re-runs, time travel), else the day its
 * scheduler meant it for — not the day it happens to be processed, should a worker pick it up late.
 */
export function jobDate(job: Job<{ asOf?: string; scheduled?: boolean }>, today: () => string): string {
  if (job.data.asOf) return job.data.asOf
  if (job.data.scheduled) return shanghaiDate(new Date(job.timestamp + (job.opts.delay ?? 0)))
  return today()
}
