import type { TaskUnitRole } from '../db/schema/index.js'
import type { WorkingCalendar } from '../domain/calendar.js'
import { targetProgress, type TargetProgress } from '../domain/progress.js'
import { reportDue } from '../domain/reminders.js'
import { forbidden } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { Db } from './db-types.js'
import type { ExtensionView, ExtensionsRepository } from './extensions.js'
import type { Instruction, InstructionsRepository } from './instructions.js'
import type { Notice, NoticesRepository } from './notices.js'
import type { ReportView, ReportsRepository } from './reports.js'
import type { TaskView, TasksRepository } from './tasks.js'

/** How long a decided extension request stays on the unit's to-do list. */
const DECISION_DAYS = 30
/** More open notices or instructions than a unit could have at once. */
const ALL_OPEN = 500
const byReplyBy = (a: { replyBy: string; id: number }, b: { replyBy: string; id: number }) => (a.replyBy < b.replyBy ? -1 : a.replyBy > b.replyBy ? 1 : a.id - b.id)

export interface ReportDue { period: string; dueOn: string; workingDaysLeft: number }

export interface Todo {
  asOf: string
  toSign: { task: TaskView; role: TaskUnitRole }[]
  reportsDue: ({ task: TaskView; role: TaskUnitRole } & ReportDue)[]
  returned: { task: TaskView; role: TaskUnitRole; kind: 'completion' | 'report'; reason: string | null; at: string; reportId: number | null; period: string | null }[]
  decisions: { task: TaskView; extension: ExtensionView }[]
  /** 督办单 awaiting the unit's reply (反馈), soonest reply-by first. */
  notices: Notice[]
  /** 批示 awaiting the unit's 落实情况, soonest reply-by first. */
  instructions: Instruction[]
  counts: { toSign: number; reportsDue: number; returned: number; decisions: number; notices: number; instructions: number; total: number }
}

export interface TargetLine extends TargetProgress {
  targetId: number; year: number; description: string; value: number | null; measure: string | null; dueOn: string
  /** The latest cumulative actual for the target's year from a lead unit's report not returned. */
  actual: number | null
}

export interface ReportContext {
  taskId: number
  role: TaskUnitRole
  due: ReportDue
  /** The period's yearly targets, each with its actual and 序时进度. */
  targets: TargetLine[]
  /** This unit's report for the period, if it has reported. */
  mine: ReportView | null
  /** Whether this unit may submit or revise now (by the task's status). */
  canReport: boolean
  /** The other units' reports for the period: for the lead, its responsible and cooperating units' contributions. */
  contributions: ReportView[]
}

interface Line { taskId: number; role: TaskUnitRole; reportingDay: number }

export interface WorkspaceDeps {
  tasks: TasksRepository
  reports: ReportsRepository
  extensions: ExtensionsRepository
  notices: Pick<NoticesRepository, 'list'>
  instructions: Pick<InstructionsRepository, 'list'>
  calendar: () => WorkingCalendar
  now: () => Date
  today: () => string
}

const REPORTING: readonly string[] = ['acknowledged', 'in_progress', 'completion_requested']

/** What a unit has to do (待办) and what it needs to write a report (填报): both read for one unit user. */
export function createWorkspaceRepository(db: Db, deps: WorkspaceDeps) {
  const client = db.$client
  const toSign = client.prepare<[number], Line>(
    `SELECT t.id AS taskId, tu.role, p.reporting_day AS reportingDay FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN plans p ON p.id = t.plan_id
     WHERE tu.unit_id = ? AND tu.role = 'lead' AND t.status = 'dispatched' ORDER BY t.deadline IS NULL, t.deadline, t.id`,
  )
  const unreported = client.prepare<[number, number, string], Line>(
    `SELECT t.id AS taskId, tu.role, p.reporting_day AS reportingDay FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN plans p ON p.id = t.plan_id
     WHERE tu.unit_id = ? AND t.status IN ('acknowledged', 'in_progress', 'completion_requested')
       AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.unit_id = ? AND r.period = ?)
     ORDER BY t.id`,
  )
  // A lead's task whose latest step is the office's 退回.
  const returnedTasks = client.prepare<[number], { taskId: number; role: TaskUnitRole; reason: string | null; at: string }>(
    `SELECT t.id AS taskId, tu.role, x.comment AS reason, x.at FROM task_units tu JOIN tasks t ON t.id = tu.task_id
     JOIN task_transitions x ON x.id = (SELECT MAX(id) FROM task_transitions WHERE task_id = t.id)
     WHERE tu.unit_id = ? AND tu.role = 'lead' AND t.status = 'in_progress' AND x.action = 'return' ORDER BY x.at DESC`,
  )
  const returnedReports = client.prepare<[number], { taskId: number; role: TaskUnitRole; reportId: number; period: string; reason: string | null; at: string }>(
    `SELECT r.task_id AS taskId, tu.role, r.id AS reportId, r.period, rr.comment AS reason, rr.at FROM reports r
     JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id
     JOIN tasks t ON t.id = r.task_id
     JOIN report_reviews rr ON rr.id = (SELECT MAX(id) FROM report_reviews WHERE report_id = r.id)
     WHERE r.unit_id = ? AND r.status = 'returned' AND t.status NOT IN ('closed', 'cancelled') ORDER BY rr.at DESC`,
  )
  const decided = client.prepare<[number, string], { id: number; taskId: number }>(
    `SELECT id, task_id AS taskId FROM extension_requests WHERE unit_id = ? AND status <> 'pending' AND decided_at >= ? ORDER BY decided_at DESC`,
  )
  const roleOn = client.prepare<[number, number], { role: TaskUnitRole; reportingDay: number }>(
    'SELECT tu.role, p.reporting_day AS reportingDay FROM task_units tu JOIN tasks t ON t.id = tu.task_id JOIN plans p ON p.id = t.plan_id WHERE tu.task_id = ? AND tu.unit_id = ?',
  )
  const targetsOf = client.prepare<[number, number], Omit<TargetLine, keyof TargetProgress | 'actual'>>(
    'SELECT id AS targetId, year, description, value, measure, due_on AS dueOn FROM targets WHERE task_id = ? AND year = ? ORDER BY id',
  )
  const leadActuals = client.prepare<[number, string], { targetId: number; actual: number }>(
    `SELECT a.target_id AS targetId, a.actual FROM report_target_actuals a
     JOIN report_revisions rv ON rv.id = a.revision_id
     JOIN reports r ON r.id = rv.report_id AND r.revision = rv.revision
     JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id AND tu.role = 'lead'
     WHERE r.task_id = ? AND r.status <> 'returned' AND r.period LIKE ? ORDER BY r.period, rv.id`,
  )

  const views = (viewer: Viewer, ids: number[]): Map<number, TaskView> => {
    const rows = [...new Set(ids)].map((id) => deps.tasks.rowById(id)!)
    return new Map(deps.tasks.toViews(rows).map((v) => [v.id, v]))
  }
  const requireUnit = (viewer: Viewer): number => {
    if (viewer.role !== 'unit' || viewer.unitId === null) throw forbidden('The to-do list and the report form are for unit users.')
    return viewer.unitId
  }

  return {
    todo(viewer: Viewer): Todo {
      const unitId = requireUnit(viewer)
      const today = deps.today()
      const calendar = deps.calendar()
      const period = today.slice(0, 7)
      const sign = toSign.all(unitId)
      const due = unreported.all(unitId, unitId, period)
      const returned = [
        ...returnedTasks.all(unitId).map((r) => ({ ...r, kind: 'completion' as const, reportId: null, period: null })),
        ...returnedReports.all(unitId).map((r) => ({ ...r, kind: 'report' as const })),
      ]
      const since = new Date(deps.now().getTime() - DECISION_DAYS * 86_400_000).toISOString()
      const decisions = decided.all(unitId, since)
      const tasks = views(viewer, [...sign, ...due, ...returned, ...decisions].map((r) => r.taskId))
      const extensionsOf = new Map<number, ExtensionView[]>()
      const extension = (taskId: number, id: number) => {
        if (!extensionsOf.has(taskId)) extensionsOf.set(taskId, deps.extensions.list(taskId, viewer))
        return extensionsOf.get(taskId)!.find((e) => e.id === id)!
      }
      const out = {
        asOf: today,
        toSign: sign.map((r) => ({ task: tasks.get(r.taskId)!, role: r.role })),
        reportsDue: due.map((r) => ({ task: tasks.get(r.taskId)!, role: r.role, ...reportDue(today, r.reportingDay, calendar) }))
          .sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || a.task.id - b.task.id),
        returned: returned.map(({ taskId, role, kind, reason, at, reportId, period }) => ({ task: tasks.get(taskId)!, role, kind, reason, at, reportId, period })),
        decisions: decisions.map((d) => ({ task: tasks.get(d.taskId)!, extension: extension(d.taskId, d.id) })),
        notices: deps.notices.list({ status: 'open', limit: ALL_OPEN }, viewer).items.sort(byReplyBy),
        instructions: deps.instructions.list({ awaitingUnitId: unitId, limit: ALL_OPEN }, viewer).items.sort(byReplyBy),
      }
      const counts = {
        toSign: out.toSign.length, reportsDue: out.reportsDue.length, returned: out.returned.length, decisions: out.decisions.length,
        notices: out.notices.length, instructions: out.instructions.length,
      }
      return { ...out, counts: { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) } }
    },

    /** What the unit needs to write its report for `period` (default the current one) on a task. */
    reportContext(taskId: number, viewer: Viewer, period?: string): ReportContext {
      const unitId = requireUnit(viewer)
      const task = deps.tasks.requireVisibleRow(taskId, viewer)
      const { role, reportingDay } = roleOn.get(taskId, unitId)!
      const today = deps.today()
      const due = reportDue(today, reportingDay, deps.calendar(), period)
      const forPeriod = due.period
      const year = Number(forPeriod.slice(0, 4))
      const actuals = new Map(leadActuals.all(taskId, `${year}-%`).map((a) => [a.targetId, a.actual]))
      const targets = targetsOf.all(taskId, year).map((t) => {
        const actual = actuals.get(t.targetId) ?? null
        return { ...t, actual, ...targetProgress(t, actual, today) }
      })
      const reports = deps.reports.list(taskId, viewer, { period: forPeriod, limit: 500 })
      return {
        taskId, role, due,
        targets,
        mine: reports.find((r) => r.unit.id === unitId) ?? null,
        canReport: REPORTING.includes(task.status),
        contributions: reports.filter((r) => r.unit.id !== unitId),
      }
    },
  }
}
export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>
