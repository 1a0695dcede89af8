import { UnrecoverableError, type Job } from 'bullmq'
import { Problem } from '../../src/http/problem.js'
import type { WorkingCalendar } from '../../src/domain/calendar.js'
import { SUMMARY_KINDS, type SummaryKind } from '../../src/domain/summaries/period.js'
import type { Db } from '../../src/db/client.js'
import { summaryJobName } from '../../src/queues/schedulers.js'
import { isSummaryDay, periodBefore } from '../../src/queues/summary-schedule.js'
import type { Repositories } from '../../src/repositories/index.js'
import { createSummaryService } from '../../src/summaries/service.js'
import { jobDate } from './scheduled-date.js'

export interface SummaryJobData { asOf?: string; planId?: number; scheduled?: boolean }

export interface SummaryJobResult {
  kind: SummaryKind
  asOf: string
  /** The period summarised; null when a scheduled check found it is not the day. */
  period: string | null
  summaries: { planId: number; summaryId: number; created: boolean }[]
}

export interface SummaryProcessorDeps {
  db: Db
  repos: Repositories
  calendar: () => WorkingCalendar
  today: () => string
  clock: () => Date
}

const kindOf = (jobName: string): SummaryKind => {
  const kind = SUMMARY_KINDS.find((k) => summaryJobName(k) === jobName)
  if (!kind) throw new Error(`No summary job is named ${jobName}`)
  return kind
}

/**
 * Generates a summary of the period before `asOf` for one plan or every plan. Scheduled runs fire each
 * morning and generate only on their day; an admin's run generates whenever asked. Generating is
 * idempotent (equal content is not stored or mailed twice), so a retried job is harmless.
 */
export function summaryProcessor(deps: SummaryProcessorDeps) {
  return async (job: Job<SummaryJobData>): Promise<SummaryJobResult> => {
    const kind = kindOf(job.name)
    const asOf = jobDate(job, deps.today)
    if (job.data.scheduled && !isSummaryDay(kind, asOf, deps.calendar())) return { kind, asOf, period: null, summaries: [] }
    const period = periodBefore(kind, asOf)
    const service = createSummaryService({ db: deps.db, repos: deps.repos, today: () => asOf, clock: deps.clock })
    const planIds = job.data.planId !== undefined ? [job.data.planId] : deps.repos.plans.list({ limit: 10_000 }).map((p) => p.id)
    const summaries = planIds.map((planId) => {
      try {
        const s = service.generate({ kind, planId, period }, null)
        return { planId, summaryId: s.id, created: s.created }
      } catch (err) {
        // A request the service refuses (no such plan, a period not begun) fails the same on every retry.
        if (err instanceof Problem) throw new UnrecoverableError(`${kind} summary of plan ${planId} for ${period}: ${err.detail ?? err.title}`)
        throw err
      }
    })
    return { kind, asOf, period, summaries }
  }
}
