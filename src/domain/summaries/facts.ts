import type { WorkingCalendar } from '../calendar.js'
import type { LightPlan, LightTarget } from '../lights.js'
import type { TaskStatus } from '../task-status.js'
import type { SummaryPeriod } from './period.js'

/** What the summaries are computed from: plain data a loader reads from the database for one plan and period. */
export interface SummaryFacts {
  plan: PlanFacts
  period: SummaryPeriod
  /** The day the summary speaks for: the period's last day, or today while the period is still running. */
  asOf: string
  calendar: WorkingCalendar
  units: UnitFacts[]
  tasks: TaskFacts[]
  /** Every yearly target of the plan's tasks, of any year: the lights weigh them all, the target lines list the period's year's. */
  targets: TargetFacts[]
  /** Problems (存在问题) units reported for the period's months, latest revision of each report. */
  problems: ReportProblemFacts[]
  /** Lead units' monthly reports: due, on time, late and missing, per unit and month of the period. */
  reportStats: UnitReportStats[]
  /** Escalations opened on or before `asOf`. */
  escalations: EscalationFacts[]
  /** Leaders' instructions (批示) on the plan, its tasks or units, issued by `asOf` and not answered by then. */
  instructions?: InstructionFacts[]
}

export interface InstructionFacts {
  id: number
  issuedOn: string
  replyBy: string
  leader: string
  /** The task (`1. 改造老旧小区`), the plan or the unit it is about. */
  target: string
  text: string
  /** Units addressed, and of them those that had not reported 落实情况 by `asOf`. */
  units: string[]
  unitsPending: string[]
}

/** The plan, with the rules its lights follow (end year, reporting day, yellow window, tolerance behind 序时进度). */
export interface PlanFacts extends LightPlan {
  id: number
  title: string
  docNumber: string | null
  issuer: string | null
}

export interface UnitFacts { id: number; name: string }

export interface TaskFacts {
  id: number
  number: string
  title: string
  /** The status on `asOf`. */
  status: TaskStatus
  /** The deadline in force on `asOf` (an extension approved later does not count yet). */
  deadline: string | null
  /** The day (Asia/Shanghai) it was closed, when that was on or before `asOf`. */
  closedOn: string | null
  /** Lead units (牵头单位), in the document's order. */
  leadUnitIds: number[]
  /** The day (Asia/Shanghai) it was first dispatched, when that was on or before `asOf`. */
  dispatchedOn: string | null
  /** The latest period (YYYY-MM) a lead unit had reported for by `asOf`; null before any report. */
  lastReportedPeriod: string | null
}

export interface TargetFacts extends LightTarget {
  taskId: number
  description: string
  measure: string | null
  /** The latest cumulative actual a lead unit reported for it by `asOf`; null when none yet. */
  actual: number | null
}

export interface ReportProblemFacts { taskId: number; unitId: number; month: string; problems: string }

export interface UnitReportStats {
  unitId: number
  /** The reporting period, YYYY-MM. */
  month: string
  /** Reports due: the unit's led tasks that were under way at the month's end. */
  due: number
  onTime: number
  late: number
  /** Tasks with no report for the month by `asOf`. */
  missingTaskIds: number[]
}

export interface EscalationFacts {
  taskId: number
  level: number
  /** The deadline it escalates; null for a task without one escalated for missing reports. */
  deadline: string | null
  openedOn: string
  status: string
}
