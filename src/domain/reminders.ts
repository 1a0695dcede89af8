import type { WorkingCalendar } from './calendar.js'
import { addDays, DateRangeError } from './dates.js'

// Which reminders are due on a day. A reminder is due from its day until the next one of the same
// deadline is due (or the deadline passes), so a missed scan is caught up on the next working day but a
// stale reminder is never sent once a nearer one is due; the dedupe ledger makes each fire once.

/** Reminders N working days before a deadline; the plan's yellow window is the first of them. */
export const DEFAULT_DEADLINE_REMINDER_DAYS = [5, 1] as const
/** The monthly report reminder: this many working days before the plan's reporting day. */
export const REPORT_REMINDER_DAYS = 3

/** The plan's deadline reminders: its yellow window (N working days) and the day before. */
export function deadlineReminderDays(plan: { yellowDays: number }): number[] {
  return [...new Set([plan.yellowDays, 1])].filter((n) => n > 0).sort((a, b) => b - a)
}

/**
 * The working day that lies `n` working days before `deadline`: exactly `n` working days remain after
 * it, up to and including the deadline — the same count the yellow light uses.
 */
export function workingDaysBefore(deadline: string, n: number, calendar: WorkingCalendar): string {
  return calendar.nthWorkingDayOnOrBefore(deadline, n + 1)
}

/** The deadline reminder (its number of working days) due on `asOf`, or null. */
export function deadlineReminderDue(deadline: string, asOf: string, days: readonly number[], calendar: WorkingCalendar): number | null {
  if (asOf > deadline) return null
  let due: number | null = null
  for (const n of [...days].sort((a, b) => b - a)) if (asOf >= workingDaysBefore(deadline, n, calendar)) due = n
  return due
}

/**
 * Every deadline with a reminder due on `asOf`, and which one: the deadlines to look up tasks by.
 * Deadlines run from `asOf` forward until even the earliest reminder lies after `asOf`.
 */
export function deadlinesWithReminderDue(asOf: string, days: readonly number[], calendar: WorkingCalendar): Map<string, number> {
  const out = new Map<string, number>()
  if (days.length === 0) return out
  const furthest = Math.max(...days)
  // The walk ends once the earliest reminder lies after asOf; no reminder is a year ahead of its deadline.
  const end = addDays(asOf, 366 + 2 * furthest)
  for (let deadline = asOf; workingDaysBefore(deadline, furthest, calendar) <= asOf; deadline = addDays(deadline, 1)) {
    if (deadline > end) throw new DateRangeError(`Reminders due on ${asOf} run past ${end}`)
    const due = deadlineReminderDue(deadline, asOf, days, calendar)
    if (due !== null) out.set(deadline, due)
  }
  return out
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** The reporting period (YYYY-MM) `date` falls in. */
export const periodOf = (date: string) => date.slice(0, 7)

/** The period after `period`. */
export function nextPeriod(period: string): string {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))]
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`
}

/** The period before `period`. */
export function previousPeriod(period: string): string {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))]
  return m === 1 ? `${y - 1}-12` : `${y}-${pad2(m - 1)}`
}

/** The day a period's report is due: the plan's reporting day, or the month's last day in a shorter month. */
export function reportingDate(period: string, reportingDay: number): string {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))]
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${period}-${pad2(Math.min(Math.max(reportingDay, 1), lastDay))}`
}

/**
 * The period whose report reminder is due on `asOf`: from `REPORT_REMINDER_DAYS` working days before its
 * reporting date up to that date. Null outside every window.
 */
export function reportReminderDue(asOf: string, reportingDay: number, calendar: WorkingCalendar, days = REPORT_REMINDER_DAYS): { period: string; dueOn: string } | null {
  // A reporting day early in the month puts the window at the end of the month before.
  for (const period of [periodOf(asOf), nextPeriod(periodOf(asOf))]) {
    const dueOn = reportingDate(period, reportingDay)
    if (asOf >= workingDaysBefore(dueOn, days, calendar) && asOf <= dueOn) return { period, dueOn }
  }
  return null
}

/**
 * The `count` latest periods whose report is overdue on `asOf` (the reporting date has passed), newest
 * first: the periods "reports missing N periods running" looks at.
 */
export function lastOverduePeriods(asOf: string, reportingDay: number, count: number): string[] {
  let period = periodOf(asOf)
  if (!(asOf > reportingDate(period, reportingDay))) period = previousPeriod(period)
  const out: string[] = []
  for (let i = 0; i < count; i++, period = previousPeriod(period)) out.push(period)
  return out
}

/**
 * Where a unit stands with a period's report (default: the current one) on `today`: the period, its reporting date
 * and the working days left until it (0 on the day itself, negative once it has passed).
 */
export function reportDue(today: string, reportingDay: number, calendar: WorkingCalendar, period = periodOf(today)): { period: string; dueOn: string; workingDaysLeft: number } {
  const dueOn = reportingDate(period, reportingDay)
  return { period, dueOn, workingDaysLeft: calendar.workingDaysBetween(today, dueOn) }
}
