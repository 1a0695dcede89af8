import type { DeadlineSource, LightReason } from '../lights.js'
import type { StatusLightCounts } from '../progress.js'
import type { TaskStatus } from '../task-status.js'
import type { SummaryKind } from './period.js'

/**
 * A summary's content: plain JSON, the same for the same database state and period (sorted throughout,
 * with no generation time inside — that is kept beside it).
 */
export type SummaryContent = MonthlyContent | QuarterlyContent | AnnualContent

export interface SummaryHeader {
  kind: SummaryKind
  planId: number
  planTitle: string
  docNumber: string | null
  /** As requested: 2026-06, 2026-Q2, 2026. */
  period: string
  /** 2026年6月, 2026年第二季度, 2026年. */
  periodName: string
  from: string
  to: string
  /** The day the figures speak for. */
  asOf: string
  /** 《…》2026年6月调度情况 */
  title: string
  /** The issuing office, as the document's signature line names it. */
  issuedBy: string
}

/** Tasks by status and by light (亮灯) on `asOf`. */
export type StatusOverview = StatusLightCounts

export interface TaskLine {
  taskId: number
  number: string
  title: string
  leadUnits: string[]
}

export interface ClosedTaskLine extends TaskLine {
  deadline: string | null
  closedOn: string
  onTime: boolean
}

/** A task lit red or yellow on `asOf`, and why (src/domain/lights.ts, as things stood that day). */
export interface LitTaskLine extends TaskLine {
  /** The deadline the light held it to on `asOf`: its own, else its nearest open target's due date, else the plan's end. */
  deadline: string
  deadlineSource: DeadlineSource
  status: TaskStatus
  /** Red reasons first, then yellow ones. */
  reasons: LightReason[]
}

/** A task lit red: past its deadline, or a yearly target due and not met. */
export interface OverdueTaskLine extends LitTaskLine {
  /** Working days from the deadline to `asOf`; 0 when only a target made it red. */
  workingDaysOverdue: number
  /** Highest escalation level opened by `asOf` for its own deadline (for missing reports, without one); 0 for none. */
  escalationLevel: number
}

/** A task lit yellow (预警): due soon, its month's report missing, or a target behind 序时进度. */
export type WarningTaskLine = LitTaskLine

export interface MissedReportLine {
  unitId: number
  unit: string
  due: number
  missing: number
  taskNumbers: string[]
}

/** A yearly target with what the units reported against it. */
interface TargetLine {
  targetId: number
  taskId: number
  taskNumber: string
  description: string
  measure: string | null
  value: number | null
  actual: number | null
}

export interface TargetProgressLine extends TargetLine {
  /** 序时进度: value × elapsed share of the target's year on `asOf`. */
  expectedToDate: number | null
  /** Actual as a percentage of the value. */
  completionPercent: number | null
  /** Elapsed share of the target's year, as a percentage. */
  expectedPercent: number
  /** Behind the expected-to-date progress; null when the target has no value. */
  behind: boolean | null
}

export interface ProblemLine {
  taskId: number
  taskNumber: string
  unitId: number
  unit: string
  month: string
  problems: string
}

export interface UnitScoreLine {
  rank: number
  unitId: number
  unit: string
  tasksLed: number
  closedOnTime: number
  closedLate: number
  overdue: number
  reportsDue: number
  reportsOnTime: number
  reportsLate: number
  reportsMissing: number
  escalationsL2: number
  escalationsL3: number
  score: number
}

export interface UnitVerdictLine {
  unitId: number
  unit: string
  reasons: string[]
}

export interface EscalatedTaskLine extends TaskLine {
  /** The deadline that was escalated; null when a task without one was escalated for missing reports. */
  deadline: string | null
  openedOn: string
  escalationStatus: string
  /** The task's status on `asOf`. */
  status: TaskStatus
}

export interface TargetResultLine extends TargetLine {
  completionPercent: number | null
  /** Actual reached the value; null when the target has no value to reach. */
  met: boolean | null
}

/** A leader's instruction still awaiting 落实情况 on `asOf`. */
export interface InstructionLine {
  instructionId: number
  issuedOn: string
  leader: string
  target: string
  text: string
  units: string[]
  unitsPending: string[]
  replyBy: string
  /** Past its reply-by date on `asOf`. */
  overdue: boolean
}

export interface MonthlyContent extends SummaryHeader {
  kind: 'monthly'
  overview: StatusOverview
  closed: ClosedTaskLine[]
  overdue: OverdueTaskLine[]
  warnings: WarningTaskLine[]
  missedReports: MissedReportLine[]
  targets: TargetProgressLine[]
  problems: ProblemLine[]
  /** Open and overdue leaders' instructions (批示). */
  instructions: InstructionLine[]
}

export interface AssessmentSections {
  overview: StatusOverview
  units: UnitScoreLine[]
  praised: UnitVerdictLine[]
  criticised: UnitVerdictLine[]
  /** Tasks escalated to the leaders (L3) in the period. */
  escalatedTasks: EscalatedTaskLine[]
}

export interface QuarterlyContent extends SummaryHeader, AssessmentSections {
  kind: 'quarterly'
  /** Open and overdue leaders' instructions (批示). */
  instructions: InstructionLine[]
}

export interface AnnualContent extends SummaryHeader, AssessmentSections {
  kind: 'annual'
  targets: TargetResultLine[]
}
