import { createHash } from 'node:crypto'
import type { Db } from '../db/client.js'
import { outboxEvents } from '../db/schema/index.js'
import type { WorkingCalendar } from '../domain/calendar.js'
import { computeSummary } from '../domain/summaries/compute.js'
import type { SummaryContent } from '../domain/summaries/content.js'
import { YEAR_MAX, YEAR_MIN } from '../domain/dates.js'
import { PERIOD_FORMATS, parsePeriod, summaryAsOf, type SummaryKind } from '../domain/summaries/period.js'
import { badRequest, notFound, unprocessable } from '../http/problem.js'
import { recordAudit } from '../repositories/audit.js'
import type { Repositories } from '../repositories/index.js'
import { createSummariesRepository, type SummaryMeta } from '../repositories/summaries.js'
import { contentBytes } from './content-bytes.js'
import { loadSummaryFacts, type SummaryLoadInput } from './load.js'

/** The outbox event a generated summary leaves for the mail pipeline. */
export const SUMMARY_GENERATED = 'summary.generated'
export interface SummaryGeneratedPayload { summaryId: number; kind: SummaryKind; planId: number; period: string }

export interface GenerateSummaryInput { kind: SummaryKind; planId: number; period: string }
/**
 * The stored summary without its content (read it with `store.get(id)`, or render it): a notice of a plan of
 * 100,000 tasks is tens of megabytes, which a caller that only mails or links it need not hold. `created` is
 * false when the content equals the summary already in force, which is returned instead.
 */
export type GeneratedSummary = SummaryMeta & { created: boolean }

export interface SummaryServiceDeps {
  db: Db
  repos: Repositories
  today: () => string
  /** The instant stamped as generated_at; the wall clock unless given. */
  clock?: () => Date
}

/**
 * The summary's JSON, title and day. Only these leave this function: the facts and the content objects can
 * be collected while the JSON is stored.
 */
function serialisedSummary(db: Db, calendar: WorkingCalendar, input: SummaryLoadInput) {
  const content: SummaryContent = computeSummary(loadSummaryFacts(db.$client, calendar, input))
  return { title: content.title, asOf: content.asOf, contentJson: contentBytes(content) }
}

export function createSummaryService({ db, repos, today, clock = () => new Date() }: SummaryServiceDeps) {
  const store = createSummariesRepository(db)
  return {
    store,
    /**
     * Generates the summary of `kind` for a plan and period and stores it with an audit entry and a
     * `summary.generated` outbox event, in one transaction. The figures are read from one snapshot first;
     * when they give exactly the content already in force, nothing is written and that summary is returned,
     * so a retried job or a repeated request never publishes (or mails) the same notice twice.
     */
    generate(input: GenerateSummaryInput, actorId: number | null): GeneratedSummary {
      const period = parsePeriod(input.kind, input.period)
      if (!period) {
        const example = PERIOD_FORMATS[input.kind].example
        throw badRequest(`A ${input.kind} summary's period is written like ${example}, in the years ${YEAR_MIN}–${YEAR_MAX}.`, [{ in: 'body', field: 'period', detail: `must look like ${example} for kind ${input.kind}, in the years ${YEAR_MIN}–${YEAR_MAX}` }])
      }
      const plan = repos.plans.get(input.planId)
      if (!plan) throw notFound(`Plan ${input.planId}`)
      const now = today()
      if (now < period.from) throw unprocessable(`${period.label} has not begun.`, [{ in: 'body', field: 'period', detail: `starts ${period.from}, after today (${now})` }])

      const { title, asOf, contentJson } = serialisedSummary(db, repos.calendar.calendar(), { plan, period, asOf: summaryAsOf(period, now) })
      const contentHash = createHash('sha256').update(contentJson).digest('hex')

      return db.transaction((tx) => {
        const current = store.latest(input.kind, plan.id, period.label)
        if (current?.contentHash === contentHash) return { ...current, created: false }
        const meta = { kind: input.kind, planId: plan.id, period: period.label, title, contentHash, generatedAt: clock().toISOString(), generatedBy: actorId }
        const id = store.insert({ ...meta, contentJson })
        recordAudit(tx, { actorId, action: 'summary.generate', entityType: 'summary', entityId: id, after: { ...meta, asOf } })
        const payload: SummaryGeneratedPayload = { summaryId: id, kind: input.kind, planId: plan.id, period: period.label }
        tx.insert(outboxEvents).values({ type: SUMMARY_GENERATED, taskId: null, payload: { ...payload } }).run()
        return { id, ...meta, created: true }
      }, { behavior: 'immediate' })
    },
  }
}
export type SummaryService = ReturnType<typeof createSummaryService>
