import type { WorkingCalendar } from '../domain/calendar.js'
import { periodOf, previousPeriod } from '../domain/reminders.js'
import type { SummaryKind } from '../domain/summaries/period.js'

/** The period a summary of `kind` made on `asOf` covers: the month, quarter or year before. */
export function periodBefore(kind: SummaryKind, asOf: string): string {
  const year = Number(asOf.slice(0, 4))
  if (kind === 'monthly') return previousPeriod(periodOf(asOf))
  if (kind === 'annual') return String(year - 1)
  const quarter = Math.ceil(Number(asOf.slice(5, 7)) / 3)
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`
}

/**
 * Whether the schedulers generate `kind` on `asOf`: the first working day of each month (monthly), of
 * January, April, July and October (quarterly), of January (annual).
 */
export function isSummaryDay(kind: SummaryKind, asOf: string, calendar: WorkingCalendar): boolean {
  const month = Number(asOf.slice(5, 7))
  if (kind === 'quarterly' && (month - 1) % 3 !== 0) return false
  if (kind === 'annual' && month !== 1) return false
  return calendar.firstWorkingDayOnOrAfter(`${periodOf(asOf)}-01`) === asOf
}
