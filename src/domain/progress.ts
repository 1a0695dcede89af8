import { lightOf, LIGHTS, type Light } from './lights.js'
import { TASK_STATUSES, type TaskStatus } from './task-status.js'

// Pure computations behind plan progress (序时进度), unit scorecards and the summaries built on them.
// Dates are YYYY-MM-DD in Asia/Shanghai, periods YYYY-MM; "today" is always passed in.

const DAY_MS = 86_400_000
// Day numbers of the few hundred dates 100,000 targets share, parsed once each.
const dayNumbers = new Map<string, number>()
const dayNumber = (date: string) => {
  let n = dayNumbers.get(date)
  if (n === undefined) {
    n = Date.parse(`${date}T00:00:00Z`) / DAY_MS
    if (dayNumbers.size < 100_000) dayNumbers.set(date, n)
  }
  return n
}

/**
 * The share (0–1) of a yearly target's span that has elapsed by the end of `today`. The span runs from
 * 1 January of the target's year through its due date (31 December unless the target says otherwise),
 * in calendar days, both ends included: on 1 January one day has elapsed, on the due date all of it.
 */
export function elapsedShare(year: number, dueOn: string, today: string): number {
  const start = `${year}-01-01`
  if (today < start) return 0
  if (today >= dueOn || dueOn < start) return 1
  return (dayNumber(today) - dayNumber(start) + 1) / (dayNumber(dueOn) - dayNumber(start) + 1)
}

export interface TargetFigures {
  year: number
  /** The target value (`40` of `40 个`); null when the target is qualitative. */
  value: number | null
  dueOn: string
}

/** 序时进度: the part of the target that should be done by `today` — value × elapsed share of its year. */
export function expectedToDate(target: TargetFigures, today: string): number | null {
  if (target.value === null) return null
  return round(target.value * elapsedShare(target.year, target.dueOn, today))
}

export interface TargetProgress {
  expectedToDate: number | null
  /** actual ÷ value, 0–1 and beyond; null without a value or an actual. */
  completion: number | null
  /** Actual at least the expected-to-date figure; null when either is unknown. */
  onPace: boolean | null
}

/**
 * A target's progress from the cumulative actual reported for its year (null: nothing reported yet,
 * which counts as behind pace once anything is expected).
 */
export function targetProgress(target: TargetFigures, actual: number | null, today: string): TargetProgress {
  const expected = expectedToDate(target, today)
  const completion = target.value && actual !== null ? round(actual / target.value) : null
  const onPace = expected === null ? null : (actual ?? 0) >= expected
  return { expectedToDate: expected, completion, onPace }
}

/** Tasks grouped by the columns their light depends on, with how many share them. */
export interface LightGroup { status: TaskStatus; deadline: string | null; yellowFrom: string | null; count: number }

export interface StatusLightCounts {
  total: number
  byStatus: Record<TaskStatus, number>
  byLight: Record<Light, number>
}

/** Counts by status and by light (亮灯) as of `today`. */
export function countByStatusAndLight(groups: Iterable<LightGroup>, today: string): StatusLightCounts {
  const lit: LitGroup[] = []
  for (const g of groups) lit.push({ status: g.status, light: lightOf(g, today), count: g.count })
  return countLitGroups(lit)
}

/** Tasks grouped by status and the light they show, with how many share them. */
export interface LitGroup { status: TaskStatus; light: Light; count: number }

/** Counts by status and by light from tasks grouped by both. */
export function countLitGroups(groups: Iterable<LitGroup>): StatusLightCounts {
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>
  const byLight = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>
  let total = 0
  for (const g of groups) {
    byStatus[g.status] += g.count
    byLight[g.light] += g.count
    total += g.count
  }
  return { total, byStatus, byLight }
}

/** The date by which the report for `period` (YYYY-MM) is due: the plan's reporting day of that month. */
export function reportDueOn(period: string, reportingDay: number): string {
  return `${period}-${String(reportingDay).padStart(2, '0')}`
}

/**
 * A report is on time when its first revision was submitted on or before the reporting day of its own
 * month; later revisions (corrections) do not make it late.
 */
export function isReportOnTime(period: string, firstSubmittedOn: string, reportingDay: number): boolean {
  return firstSubmittedOn <= reportDueOn(period, reportingDay)
}

export interface LedTask {
  status: TaskStatus
  deadline: string | null
  /** The date (Asia/Shanghai) the task was closed, if it was. */
  closedOn: string | null
}

export interface SubmittedReport { period: string; firstSubmittedOn: string; reportingDay: number }

export interface Scorecard {
  /** Tasks the unit leads that have been dispatched and not cancelled. */
  tasksLed: number
  closed: number
  /** Closed on or before the deadline in force (or without a deadline). */
  closedOnTime: number
  /** Not closed or cancelled and past the deadline: red. */
  overdue: number
  /** Reports (one per task and period, revisions not counted) the unit submitted. */
  reportsSubmitted: number
  reportsOnTime: number
}

/** A unit's scorecard as of `today`: the figures the quarterly notice ranks units by. */
export function unitScorecard(tasks: Iterable<LedTask>, reports: Iterable<SubmittedReport>, today: string): Scorecard {
  const card: Scorecard = { tasksLed: 0, closed: 0, closedOnTime: 0, overdue: 0, reportsSubmitted: 0, reportsOnTime: 0 }
  for (const t of tasks) {
    if (t.status === 'draft' || t.status === 'cancelled') continue
    card.tasksLed++
    if (t.status === 'closed') {
      card.closed++
      if (!t.deadline || (t.closedOn !== null && t.closedOn <= t.deadline)) card.closedOnTime++
    } else if (lightOf({ status: t.status, deadline: t.deadline, yellowFrom: null }, today) === 'red') {
      card.overdue++
    }
  }
  for (const r of reports) {
    card.reportsSubmitted++
    if (isReportOnTime(r.period, r.firstSubmittedOn, r.reportingDay)) card.reportsOnTime++
  }
  return card
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4
}
