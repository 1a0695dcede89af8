import type { WorkingCalendar } from './calendar.js'
import { addDays } from './dates.js'
import { expectedToDate } from './progress.js'
import { nextPeriod, reportingDate } from './reminders.js'
import { FINISHED_STATUSES, type TaskStatus } from './task-status.js'

export const LIGHTS = ['green', 'yellow', 'red'] as const
export type Light = (typeof LIGHTS)[number]

export const DEFAULT_YELLOW_DAYS = 5

/**
 * First day on which a deadline counts as "within `yellowDays` working days": from then on at most
 * `yellowDays` working days remain after today up to and including the deadline.
 */
export function yellowFrom(deadline: string | null, yellowDays: number, calendar: WorkingCalendar): string | null {
  if (!deadline) return null
  return calendar.nthWorkingDayOnOrBefore(deadline, yellowDays + 1)
}

export interface LightInput {
  status: TaskStatus
  deadline: string | null
  yellowFrom: string | null
}

/** 亮灯: red past the deadline and not finished; yellow inside the window; otherwise green. */
export function lightOf(task: LightInput, today: string): Light {
  if (!task.deadline || FINISHED_STATUSES.includes(task.status)) return 'green'
  if (today > task.deadline) return 'red'
  if (task.yellowFrom && today >= task.yellowFrom) return 'yellow'
  return 'green'
}

// ——— The whole light: effective deadline, every rule, and the reasons ———

export const DEFAULT_BEHIND_TOLERANCE = 10
export const DEADLINE_SOURCES = ['task', 'target', 'plan'] as const
export type DeadlineSource = (typeof DEADLINE_SOURCES)[number]

export const LIGHT_REASON_KINDS = ['overdue', 'target_overdue', 'due_soon', 'report_missing', 'behind_schedule'] as const
export type LightReason =
  /** Past the effective deadline: `days` working days after it (0 on a holiday straight after it). */
  | { kind: 'overdue'; deadline: string; days: number }
  /** A yearly target's due date passed with its value not reached. */
  | { kind: 'target_overdue'; targetId: number; dueOn: string; actual: number | null; value: number }
  /** Inside the plan's yellow window: `days` working days remain after today up to the deadline. */
  | { kind: 'due_soon'; deadline: string; days: number }
  /** The current period's report from a lead unit is missing after the reporting day. */
  | { kind: 'report_missing'; period: string }
  /** The target's latest actual is behind its expected-to-date (序时进度) by more than the plan's tolerance. */
  | { kind: 'behind_schedule'; targetId: number; actual: number | null; expected: number }
export type LightReasonKind = LightReason['kind']

export interface LightPlan {
  endYear: number
  reportingDay: number
  yellowDays: number
  /** Percentage points a target may trail its expected-to-date before the light turns yellow. */
  behindTolerance: number
}

export interface LightTarget {
  id: number
  year: number
  /** Null for a qualitative target: it can neither be behind nor unmet. */
  value: number | null
  dueOn: string
  /** The cumulative actual of its year from the latest lead report; null before any. */
  actual: number | null
}

export interface LightFacts {
  status: TaskStatus
  /** The task's own deadline. */
  deadline: string | null
  targets: readonly LightTarget[]
  /** The Shanghai date the task was first dispatched; null while it never was. */
  dispatchedOn: string | null
  /** The latest period (YYYY-MM) a lead unit reported for; null before any report. */
  lastReportedPeriod: string | null
}

export interface LightAssessment {
  light: Light
  /** Red reasons first, then yellow ones; empty for green. */
  reasons: LightReason[]
  /** The deadline the task is held to: its own, else its nearest open target's due date, else the plan's end. */
  deadline: string
  deadlineSource: DeadlineSource
  /** The first day after `asOf` on which the assessment may read differently with no write in between; null: never. */
  changesOn: string | null
}

/** Statuses whose units owe monthly reports (the reminders and the escalation ladder chase the same ones). */
export const REPORTING_STATUSES: readonly TaskStatus[] = ['dispatched', 'acknowledged', 'in_progress']
const RED_KINDS: ReadonlySet<LightReasonKind> = new Set(['overdue', 'target_overdue'])

const DAY_MS = 86_400_000
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
const dateOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

/**
 * One day's clock for assessing many tasks: working-day counts and yellow windows memoised per deadline,
 * since 100,000 tasks share a few hundred deadlines.
 */
export function lightClock(asOf: string, calendar: WorkingCalendar) {
  const overdueDays = new Map<string, number>()
  const remaining = new Map<string, number>()
  const windows = new Map<string, string | null>()
  const daysAfter = new Map<string, string>()
  const reportingDays = new Map<string, string>()
  const memo = <V>(m: Map<string, V>, key: string, f: () => V): V => {
    let v = m.get(key)
    if (v === undefined) m.set(key, (v = f()))
    return v
  }
  return {
    asOf,
    calendar,
    tomorrow: addDays(asOf, 1),
    nextWorkingDay: calendar.addWorkingDays(asOf, 1),
    period: asOf.slice(0, 7),
    nextPeriodStart: `${nextPeriod(asOf.slice(0, 7))}-01`,
    dayAfter: (date: string) => memo(daysAfter, date, () => addDays(date, 1)),
    /** The current period's reporting date under a plan's reporting day. */
    reportingDate: (reportingDay: number) => memo(reportingDays, String(reportingDay), () => reportingDate(asOf.slice(0, 7), reportingDay)),
    overdueDays: (deadline: string) => memo(overdueDays, deadline, () => calendar.workingDaysBetween(deadline, asOf)),
    remainingDays: (deadline: string) => memo(remaining, deadline, () => calendar.workingDaysBetween(asOf, deadline)),
    yellowFrom: (deadline: string, yellowDays: number) => memo(windows, `${deadline}/${yellowDays}`, () => yellowFrom(deadline, yellowDays, calendar)),
  }
}
export type LightClock = ReturnType<typeof lightClock>

const targetMet = (t: LightTarget) => t.value !== null && t.actual !== null && t.actual >= t.value

/** The deadline a task is held to and where it comes from. */
export function effectiveDeadline(facts: Pick<LightFacts, 'deadline' | 'targets'>, plan: Pick<LightPlan, 'endYear'>, asOf: string): { deadline: string; source: DeadlineSource } {
  if (facts.deadline) return { deadline: facts.deadline, source: 'task' }
  let nearest: string | null = null
  for (const t of facts.targets) if (t.dueOn >= asOf && !targetMet(t) && (nearest === null || t.dueOn < nearest)) nearest = t.dueOn
  return nearest ? { deadline: nearest, source: 'target' } : { deadline: `${plan.endYear}-12-31`, source: 'plan' }
}

/**
 * The first day after `asOf` on which a target's completion trails its elapsed share by more than
 * `tolerance` points, if it stays as it is; null when that never happens before it falls due.
 */
function behindFrom(t: LightTarget & { value: number }, tolerance: number, asOf: string): string | null {
  const start = dayNumber(`${t.year}-01-01`)
  const span = dayNumber(t.dueOn) - start + 1
  if (span <= 0) return null
  const threshold = (t.actual ?? 0) / t.value + tolerance / 100
  if (threshold >= 1) return null
  // elapsed share on day d = (d - start + 1) / span; the first whole day it exceeds the threshold:
  const first = Math.max(Math.floor(threshold * span + start - 1) + 1, dayNumber(asOf) + 1)
  return first <= dayNumber(t.dueOn) ? dateOfDay(first) : null
}

/**
 * 亮灯 with reasons, as of the clock's day. Red: past the effective deadline, or a yearly target's due date
 * passed unmet. Yellow: inside the yellow window, the current period's report missing after the reporting
 * day, or a target behind its 序时进度 by more than the tolerance. Closed and cancelled tasks are green.
 */
export function assessLight(facts: LightFacts, plan: LightPlan, clock: LightClock): LightAssessment {
  const { asOf } = clock
  const { deadline, source } = effectiveDeadline(facts, plan, asOf)
  if (FINISHED_STATUSES.includes(facts.status)) return { light: 'green', reasons: [], deadline, deadlineSource: source, changesOn: null }
  const reasons: LightReason[] = []
  const changes: string[] = []
  const later = (date: string | null) => { if (date !== null && date > asOf) changes.push(date) }

  if (asOf > deadline) {
    reasons.push({ kind: 'overdue', deadline, days: clock.overdueDays(deadline) })
    changes.push(clock.nextWorkingDay)
  } else {
    const from = clock.yellowFrom(deadline, plan.yellowDays)!
    if (asOf >= from) {
      reasons.push({ kind: 'due_soon', deadline, days: clock.remainingDays(deadline) })
      changes.push(clock.nextWorkingDay)
    } else later(from)
    later(clock.dayAfter(deadline))
  }

  for (const t of facts.targets) {
    if (t.value === null || targetMet(t)) continue
    const value = t.value
    if (t.dueOn < asOf) {
      reasons.push({ kind: 'target_overdue', targetId: t.id, dueOn: t.dueOn, actual: t.actual, value })
      continue
    }
    later(clock.dayAfter(t.dueOn))
    if (value <= 0) continue
    const expected = expectedToDate({ year: t.year, value, dueOn: t.dueOn }, asOf)!
    if ((expected - (t.actual ?? 0)) / value * 100 > plan.behindTolerance + 1e-9) {
      reasons.push({ kind: 'behind_schedule', targetId: t.id, actual: t.actual, expected })
      changes.push(clock.tomorrow)
    } else later(behindFrom({ ...t, value }, plan.behindTolerance, asOf))
  }

  if (REPORTING_STATUSES.includes(facts.status) && facts.dispatchedOn !== null) {
    const period = clock.period
    const dueOn = clock.reportingDate(plan.reportingDay)
    const owed = facts.dispatchedOn < `${period}-01`
    if (owed && asOf > dueOn && (facts.lastReportedPeriod === null || facts.lastReportedPeriod < period)) reasons.push({ kind: 'report_missing', period })
    if (owed) later(clock.dayAfter(dueOn))
    later(clock.nextPeriodStart)
  }

  reasons.sort((a, b) => Number(RED_KINDS.has(b.kind)) - Number(RED_KINDS.has(a.kind)))
  const light: Light = reasons.length === 0 ? 'green' : RED_KINDS.has(reasons[0]!.kind) ? 'red' : 'yellow'
  let changesOn: string | null = null
  for (const d of changes) if (changesOn === null || d < changesOn) changesOn = d
  return { light, reasons, deadline, deadlineSource: source, changesOn }
}

