import { DOMAIN_TIME_ZONE } from '../domain/dates.js'
import { SUMMARY_KINDS, type SummaryKind } from '../domain/summaries/period.js'
import { JOBS, type QueueName } from './names.js'
import type { Queues } from './queues.js'

export const summaryJobName = (kind: SummaryKind) => `${kind}-summary` as const

/**
 * Every repeating job, in one place. Summaries are checked each morning and generated only on their day
 * (the first working day of the month, quarter or year), which a cron pattern cannot express.
 */
export const SCHEDULES: { id: string; queue: QueueName; pattern: string; name: string }[] = [
  { id: 'daily-scan', queue: 'scans', pattern: '30 8 * * *', name: JOBS.dailyScan },
  ...SUMMARY_KINDS.map((kind) => ({ id: summaryJobName(kind), queue: 'summaries' as const, pattern: '0 9 * * *', name: summaryJobName(kind) })),
]

/** Creates or updates the schedulers; idempotent, so every worker process may call it at start. */
export async function upsertSchedulers(queues: Queues): Promise<void> {
  for (const s of SCHEDULES) {
    await queues[s.queue].upsertJobScheduler(s.id, { pattern: s.pattern, tz: DOMAIN_TIME_ZONE }, { name: s.name, data: { scheduled: true } })
  }
}
