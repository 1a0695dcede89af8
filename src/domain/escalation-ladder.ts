import type { WorkingCalendar } from './calendar.js'

// The escalation ladder (DOMAIN.md): L1 催办 on the first working day overdue, L2 督办 at `l2Days`
// working days overdue or when reports are missing two periods running, L3 at `l3Days`. Each level
// fires once per task and deadline; a missed day is caught up, and a level already passed is not
// opened afterwards (a task found 20 days overdue goes straight to L3).

export type Level = 1 | 2 | 3
export type LadderReason = 'overdue' | 'reports_missing'

export interface LadderSettings {
  l2Days: number
  l3Days: number
}

/** Reports missing this many periods in a row raise L2. */
export const MISSED_PERIODS_FOR_L2 = 2

/** Working days `asOf` is past `deadline` (0 on or before it). */
export function workingDaysOverdue(deadline: string, asOf: string, calendar: WorkingCalendar): number {
  return asOf > deadline ? calendar.workingDaysBetween(deadline, asOf) : 0
}

export interface LadderInput {
  deadline: string | null
  asOf: string
  settings: LadderSettings
  calendar: WorkingCalendar
  /** Consecutive latest periods whose report is overdue and missing. */
  periodsMissing: number
}

/** The highest level due on `asOf`, and why; null when the task is not escalated. */
export function levelDue({ deadline, asOf, settings, calendar, periodsMissing }: LadderInput): { level: Level; reason: LadderReason } | null {
  const overdue = deadline ? workingDaysOverdue(deadline, asOf, calendar) : 0
  if (overdue >= settings.l3Days) return { level: 3, reason: 'overdue' }
  if (overdue >= settings.l2Days) return { level: 2, reason: 'overdue' }
  if (periodsMissing >= MISSED_PERIODS_FOR_L2) return { level: 2, reason: 'reports_missing' }
  if (overdue >= 1) return { level: 1, reason: 'overdue' }
  return null
}

/**
 * Deadline cut-offs for a scan: a deadline strictly before `cutoffs[level]` is at least that many working
 * days overdue on `asOf` — so the overdue level can be read off a sorted deadline column.
 */
export function overdueCutoffs(asOf: string, settings: LadderSettings, calendar: WorkingCalendar): Record<Level, string> {
  // Working days in (deadline, asOf] ≥ n  ⇔  the n-th working day on or before asOf is after the deadline.
  const cutoff = (n: number) => calendar.nthWorkingDayOnOrBefore(asOf, Math.max(n, 1))
  return { 1: cutoff(1), 2: cutoff(settings.l2Days), 3: cutoff(settings.l3Days) }
}

/** The overdue level of `deadline` given the scan's cut-offs (the SQL the scan runs, in one function). */
export function overdueLevel(deadline: string, cutoffs: Record<Level, string>): Level | null {
  if (deadline < cutoffs[3]) return 3
  if (deadline < cutoffs[2]) return 2
  if (deadline < cutoffs[1]) return 1
  return null
}

/**
 * When an escalation opened, as the timeline tells it: the moment its row was written, kept within the Shanghai
 * day it was opened for, since a scan may be run later for an earlier day (or ahead for a later one).
 */
export function escalationOpenedAt(openedOn: string, createdAt: string): string {
  const dayStart = Date.parse(`${openedOn}T00:00:00+08:00`)
  return new Date(Math.min(Math.max(Date.parse(createdAt), dayStart), dayStart + 86_400_000 - 1)).toISOString()
}
