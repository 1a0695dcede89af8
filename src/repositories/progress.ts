import { shanghaiDate } from '../domain/dates.js'
import { countLitGroups, targetProgress, unitScorecard, type LitGroup, type Scorecard, type StatusLightCounts, type TargetProgress } from '../domain/progress.js'
import type { TaskStatus } from '../domain/task-status.js'
import { notFound } from '../http/problem.js'
import type { Db } from './db-types.js'
import type { LightsRepository } from './lights.js'
import type { PlansRepository } from './plans.js'
import type { IdName } from './tasks.js'
import type { UnitsRepository } from './units.js'

export interface TargetProgressView extends TargetProgress {
  targetId: number
  taskId: number
  taskNumber: string
  year: number
  description: string
  measure: string | null
  dueOn: string
  value: number | null
  /** Cumulative actual from the latest report of a lead unit for a period in the target's year (returned reports excluded). */
  actual: number | null
  /** The period that actual was reported for. */
  actualPeriod: string | null
}

export interface PlanProgress {
  planId: number
  asOf: string
  year: number
  counts: StatusLightCounts
  targets: { items: TargetProgressView[]; nextCursor: string | null }
}

export type ScorecardView = Scorecard & { unit: IdName; planId: number | null; asOf: string }

interface TargetRow { targetId: number; taskId: number; taskNumber: string; year: number; description: string; measure: string | null; dueOn: string; value: number | null }

export interface ProgressDeps { plans: PlansRepository; units: UnitsRepository; lights: LightsRepository; today: () => string }

/** Plan progress (counts, 序时进度 per target) and unit scorecards, read from tasks, targets and reports. */
export function createProgressRepository(db: Db, deps: ProgressDeps) {
  const client = db.$client
  // The stored lights (src/repositories/lights.ts): the same the task list filters by.
  const lightGroups = client.prepare<[number], LitGroup>('SELECT status, light, COUNT(*) AS count FROM tasks WHERE plan_id = ? GROUP BY status, light')
  const targetPage = client.prepare<[number, number, number, number], TargetRow>(
    `SELECT tg.id AS targetId, tg.task_id AS taskId, t.number AS taskNumber, tg.year, tg.description, tg.measure, tg.due_on AS dueOn, tg.value
     FROM targets tg JOIN tasks t ON t.id = tg.task_id
     WHERE t.plan_id = ? AND tg.year = ? AND t.status <> 'cancelled' AND tg.id > ? ORDER BY tg.id LIMIT ?`,
  )
  // Oldest first, so the last row per target is the latest period (then the latest revision) a lead reported.
  const leadActuals = client.prepare<[string], { targetId: number; actual: number; period: string }>(
    `SELECT a.target_id AS targetId, a.actual, r.period
     FROM report_target_actuals a
     JOIN report_revisions rv ON rv.id = a.revision_id
     JOIN reports r ON r.id = rv.report_id AND r.revision = rv.revision
     JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id AND tu.role = 'lead'
     WHERE a.target_id IN (SELECT value FROM json_each(?)) AND r.status <> 'returned'
     ORDER BY r.period, rv.id`,
  )
  const taskTargets = client.prepare<[number], TargetRow>(
    `SELECT tg.id AS targetId, tg.task_id AS taskId, t.number AS taskNumber, tg.year, tg.description, tg.measure, tg.due_on AS dueOn, tg.value
     FROM targets tg JOIN tasks t ON t.id = tg.task_id WHERE tg.task_id = ? ORDER BY tg.year, tg.id`,
  )
  /** Each target with its lead's latest cumulative actual of the target's own year, and 序时进度. */
  const withProgress = (rows: TargetRow[], today: string): TargetProgressView[] => {
    const latest = new Map<number, { actual: number; period: string }>()
    const yearOf = new Map(rows.map((r) => [r.targetId, r.year]))
    for (const a of leadActuals.all(JSON.stringify(rows.map((r) => r.targetId)))) {
      // Actuals are cumulative per year: only periods of the target's own year count.
      if (a.period.startsWith(`${yearOf.get(a.targetId)}-`)) latest.set(a.targetId, a)
    }
    return rows.map((r) => {
      const reported = latest.get(r.targetId)
      const actual = reported?.actual ?? null
      return { ...r, ...targetProgress(r, actual, today), actual, actualPeriod: reported?.period ?? null }
    })
  }
  const ledTasks = client.prepare<[number, number | null, number | null], { status: TaskStatus; deadline: string | null; closedAt: string | null }>(
    `SELECT t.status, t.deadline, t.closed_at AS closedAt FROM task_units tu JOIN tasks t ON t.id = tu.task_id
     WHERE tu.unit_id = ? AND tu.role = 'lead' AND (? IS NULL OR t.plan_id = ?)`,
  )
  const unitReports = client.prepare<[number, number | null, number | null], { period: string; firstSubmittedAt: string; reportingDay: number }>(
    `SELECT r.period, r.first_submitted_at AS firstSubmittedAt, p.reporting_day AS reportingDay
     FROM reports r JOIN tasks t ON t.id = r.task_id JOIN plans p ON p.id = t.plan_id
     WHERE r.unit_id = ? AND (? IS NULL OR t.plan_id = ?)`,
  )

  return {
    plan(planId: number, query: { year?: number; afterId?: number; limit: number }): PlanProgress {
      if (!deps.plans.get(planId)) throw notFound(`Plan ${planId}`)
      const today = deps.today()
      deps.lights.ensureFresh(today)
      const year = query.year ?? Number(today.slice(0, 4))
      const rows = targetPage.all(planId, year, query.afterId ?? 0, query.limit)
      const items = withProgress(rows, today)
      const last = rows[rows.length - 1]
      return {
        planId, asOf: today, year,
        counts: countLitGroups(lightGroups.all(planId)),
        targets: { items, nextCursor: rows.length === query.limit && last ? String(last.targetId) : null },
      }
    },

    /** Every yearly target of one task (call after checking the task is visible), with actual and 序时进度. */
    task(taskId: number): { asOf: string; items: TargetProgressView[] } {
      const today = deps.today()
      return { asOf: today, items: withProgress(taskTargets.all(taskId), today) }
    },

    unit(unitId: number, planId?: number): ScorecardView {
      const unit = deps.units.get(unitId)
      if (!unit) throw notFound(`Unit ${unitId}`)
      const plan = planId ?? null
      const today = deps.today()
      const tasks = ledTasks.all(unitId, plan, plan).map((t) => ({ status: t.status, deadline: t.deadline, closedOn: t.closedAt ? shanghaiDate(new Date(t.closedAt)) : null }))
      const reports = unitReports.all(unitId, plan, plan).map((r) => ({ period: r.period, reportingDay: r.reportingDay, firstSubmittedOn: shanghaiDate(new Date(r.firstSubmittedAt)) }))
      return { unit: { id: unit.id, name: unit.name }, planId: plan, asOf: today, ...unitScorecard(tasks, reports, today) }
    },
  }
}
export type ProgressRepository = ReturnType<typeof createProgressRepository>
