import type { Statement } from 'better-sqlite3'
import { countAt, lastDayOf, monthsBetween, rate, type TaskHistory, type TrendCounts } from '../domain/dashboard.js'
import { LIGHTS, type Light } from '../domain/lights.js'
import { countLitGroups, targetProgress } from '../domain/progress.js'
import type { UnitScoreLine } from '../domain/summaries/content.js'
import { FINISHED_STATUSES, TASK_STATUSES, type TaskStatus } from '../domain/task-status.js'
import { notFound } from '../http/problem.js'
import { endOfShanghaiDay } from '../summaries/load.js'
import type { Db } from './db-types.js'
import type { LightsRepository } from './lights.js'
import type { PlansRepository } from './plans.js'
import type { IdName } from './tasks.js'

/** A GET /api/tasks query that lists the tasks behind a figure. */
export interface TaskFilter { planId?: number; status?: TaskStatus; light?: Light; overdue?: boolean; unitId?: number; role?: 'lead' }
export interface Figure { count: number; filter: TaskFilter }

export interface DashboardTarget {
  targetId: number; taskId: number; taskNumber: string; taskTitle: string; description: string; measure: string | null
  year: number; dueOn: string; value: number; actual: number | null; expectedToDate: number; completion: number | null; onPace: boolean
}
export interface TrendPoint extends TrendCounts { month: string; asOf: string; filters: { closed: TaskFilter; overdue: TaskFilter; red: TaskFilter } | null }
export interface DashboardInstruction {
  id: number; text: string; targetType: string; targetId: number; target: string; issuedOn: string; replyBy: string; answered: boolean; overdue: boolean
  leader: string; units: { id: number; name: string; reportedAt: string | null; latestReport: string | null }[]
}

export interface Dashboard {
  planId: number | null
  asOf: string
  total: Figure
  byStatus: Record<TaskStatus, Figure>
  byLight: Record<Light, Figure>
  rates: {
    /** Closed ÷ tasks dispatched and not cancelled. */
    completion: { rate: number | null; closed: Figure; of: number }
    /** Closed by the deadline in force (or without one) ÷ closed. */
    onTime: { rate: number | null; closedOnTime: number; closed: Figure }
  }
  overdueByUnit: { units: (Figure & { unit: IdName })[]; unitCount: number }
  targets: { year: number; total: number; behind: number; items: DashboardTarget[] }
  trend: TrendPoint[]
  ranking: { summaryId: number; planId: number; period: string; title: string; units: UnitScoreLine[] } | null
  instructions: { open: number; overdue: number; answered: number; items: DashboardInstruction[] }
}

/** How many lead units and targets the dashboard lists (the most overdue units, the targets furthest behind). */
export const DASHBOARD_UNITS = 15
export const DASHBOARD_TARGETS = 30
export const DASHBOARD_INSTRUCTIONS = 20

const FINISHED_SQL = `(${FINISHED_STATUSES.map((s) => `'${s}'`).join(',')})`
/** Where statements restrict tasks to the scope: they are prepared once for one plan and once for all plans, so SQLite can use the plan's indexes. */
const PLAN = '<plan>'
const SCOPES = { plan: 't.plan_id = @planId', all: 't.plan_id > 0' } as const

export interface DashboardDeps { plans: PlansRepository; lights: LightsRepository; today: () => string }

/** The 驾驶舱's figures for one plan or all, each with the task-list filter that reproduces it. */
export function createDashboardRepository(db: Db, deps: DashboardDeps) {
  const client = db.$client
  function statementsFor(scope: string) {
    const q = <R>(text: string) => client.prepare(text.replaceAll(PLAN, scope)) as Statement<unknown[], R>
    const lit = q<{ status: TaskStatus; light: Light; count: number }>(`SELECT t.status, t.light, count(*) AS count FROM tasks t WHERE ${PLAN} GROUP BY t.status, t.light`)
    const closedOnTime = q<{ n: number }>(`SELECT count(*) AS n FROM tasks t WHERE ${PLAN} AND t.status = 'closed'
      AND (t.deadline IS NULL OR date(t.closed_at, '+8 hours') <= t.deadline)`)
    const overdueByUnit = q<{ unitId: number; name: string; count: number; units: number }>(`SELECT tu.unit_id AS unitId, u.name, count(*) AS count, count(*) OVER () AS units
      FROM tasks t JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead' JOIN units u ON u.id = tu.unit_id
      WHERE ${PLAN} AND t.effective_deadline < @today AND t.status NOT IN ${FINISHED_SQL}
      GROUP BY tu.unit_id ORDER BY count DESC, tu.unit_id LIMIT ${DASHBOARD_UNITS}`)
    const taskDetails = q<{ id: number; number: string; title: string }>('SELECT t.id, t.number, t.title FROM tasks t WHERE t.id IN (SELECT value FROM json_each(@ids))')
    const targetDetails = q<{ id: number; description: string; measure: string | null }>('SELECT tg.id, tg.description, tg.measure FROM targets tg WHERE tg.id IN (SELECT value FROM json_each(@ids))')
    // As plan progress reads them: the latest period (then revision) a lead reported, returned reports excluded.
    const actuals = q<{ targetId: number; actual: number; at: string; year: number }>(`SELECT a.target_id AS targetId, a.actual, rv.submitted_at AS at, tg.year
      FROM tasks t JOIN targets tg ON tg.task_id = t.id AND tg.value IS NOT NULL
      JOIN report_target_actuals a ON a.target_id = tg.id
      JOIN report_revisions rv ON rv.id = a.revision_id
      JOIN reports r ON r.id = rv.report_id AND r.status <> 'returned'
      JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id AND tu.role = 'lead'
      WHERE ${PLAN} AND (@current = 0 OR r.revision = rv.revision) AND substr(r.period, 1, 4) = CAST(tg.year AS TEXT)
      ORDER BY r.period, rv.id`)
    const history = {
      // From the covering index: the trend reads every task of the scope.
      tasks: q<[number, number, TaskStatus, string | null, string | null]>(`SELECT t.id, t.plan_id, t.status, t.deadline, t.closed_at
        FROM tasks t INDEXED BY tasks_plan_status_light_idx WHERE ${PLAN}`).raw(),
      endYears: q<[number, number]>('SELECT id, end_year FROM plans').raw(),
      transitions: q<[number, string, TaskStatus, TaskStatus]>(`SELECT x.task_id, x.at, x.from_status, x.to_status FROM tasks t JOIN task_transitions x ON x.task_id = t.id
        WHERE ${PLAN} ORDER BY x.id`).raw(),
      extensions: q<[number, string, string | null]>(`SELECT e.task_id, e.decided_at, e.old_deadline FROM tasks t JOIN extension_requests e ON e.task_id = t.id
        WHERE ${PLAN} AND e.status = 'approved' ORDER BY e.decided_at, e.id`).raw(),
      targets: q<[number, number, number, string, number]>(`SELECT tg.task_id, tg.id, tg.value, tg.due_on, tg.year FROM targets tg JOIN tasks t ON t.id = tg.task_id
        WHERE ${PLAN} AND tg.value IS NOT NULL`).raw(),
      firstYear: q<{ y: number | null }>('SELECT min(start_year) AS y FROM plans p WHERE (@planId IS NULL OR p.id = @planId)'),
    }
    const ranking = q<{ id: number; planId: number; period: string; title: string; content: string }>(`SELECT s.id, s.plan_id AS planId, s.period, s.title, s.content FROM summaries s
      WHERE s.kind = 'quarterly' AND (@planId IS NULL OR s.plan_id = @planId) ORDER BY s.period DESC, s.id DESC LIMIT 1`)
    const instructionQueries = {
      counts: q<{ open: number; overdue: number; answered: number }>(`SELECT coalesce(sum(i.answered_at IS NULL), 0) AS open,
        coalesce(sum(i.answered_at IS NULL AND i.reply_by < @today), 0) AS overdue, coalesce(sum(i.answered_at IS NOT NULL), 0) AS answered
        FROM instructions i WHERE (@planId IS NULL OR i.plan_id = @planId OR i.plan_id IS NULL)`),
      // Open ones first (the oldest reply-by first), then the latest answered.
      items: q<Omit<DashboardInstruction, 'units' | 'answered' | 'overdue'> & { answeredAt: string | null; units: string }>(`SELECT i.id, i.text, i.target_type AS targetType, i.target_id AS targetId,
        CASE i.target_type WHEN 'task' THEN (SELECT t.number || '. ' || t.title FROM tasks t WHERE t.id = i.target_id)
          WHEN 'plan' THEN (SELECT p.title FROM plans p WHERE p.id = i.target_id) ELSE (SELECT n.name FROM units n WHERE n.id = i.target_id) END AS target,
        i.issued_on AS issuedOn, i.reply_by AS replyBy, i.answered_at AS answeredAt, u.name AS leader,
        (SELECT json_group_array(json_object('id', x.unit_id, 'name', n.name, 'reportedAt', x.reported_at,
           'latestReport', (SELECT r.text FROM instruction_reports r WHERE r.instruction_id = i.id AND r.unit_id = x.unit_id ORDER BY r.id DESC LIMIT 1)))
         FROM instruction_units x JOIN units n ON n.id = x.unit_id WHERE x.instruction_id = i.id) AS units
        FROM instructions i JOIN users u ON u.id = i.issued_by
        WHERE (@planId IS NULL OR i.plan_id = @planId OR i.plan_id IS NULL)
        ORDER BY i.answered_at IS NOT NULL, CASE WHEN i.answered_at IS NULL THEN i.reply_by END, i.answered_at DESC, i.id DESC LIMIT ${DASHBOARD_INSTRUCTIONS}`),
    }
    return { lit, closedOnTime, overdueByUnit, taskDetails, targetDetails, actuals, history, ranking, instructionQueries }
  }
  const prepared: Partial<Record<keyof typeof SCOPES, ReturnType<typeof statementsFor>>> = {}
  const statements = (planId: number | null) => {
    const scope = planId === null ? 'all' : 'plan'
    return (prepared[scope] ??= statementsFor(SCOPES[scope]))
  }

  const NONE: never[] = []
  const add = <K extends 'transitions' | 'extensions' | 'targets'>(task: TaskHistory, key: K, item: TaskHistory[K][number]) => {
    if (task[key] === NONE) task[key] = [] as TaskHistory[K]
    ;(task[key] as TaskHistory[K][number][]).push(item)
  }

  interface TargetRow { id: number; taskId: number; year: number; value: number; dueOn: string; history: TaskHistory['targets'][number] }

  /** Every task's history in the scope, and its yearly targets with a value. */
  function loadHistory(planId: number | null) {
    const { history, actuals } = statements(planId)
    const params = { planId }
    const planEnds = new Map(history.endYears.all({}).map(([id, endYear]) => [id, `${endYear}-12-31`]))
    const tasks = new Map<number, TaskHistory>()
    for (const [id, plan, status, deadline, closedAt] of history.tasks.all(params)) {
      // Most tasks have no history of some kind: they share one empty list until something is added.
      tasks.set(id, { status, closedAt, deadline, planEnd: planEnds.get(plan)!, transitions: NONE, extensions: NONE, targets: NONE })
    }
    for (const [taskId, at, from, to] of history.transitions.all(params)) add(tasks.get(taskId)!, 'transitions', { at, from, to })
    for (const [taskId, decidedAt, oldDeadline] of history.extensions.all(params)) add(tasks.get(taskId)!, 'extensions', { decidedAt, oldDeadline })
    const targets = new Map<number, TargetRow>()
    for (const [taskId, id, value, dueOn, year] of history.targets.all(params)) {
      const target = { value, dueOn, actuals: [] }
      targets.set(id, { id, taskId, year, value, dueOn, history: target })
      add(tasks.get(taskId)!, 'targets', target)
    }
    // Every revision counts from when it was submitted (a later one replaces it then).
    for (const a of actuals.all({ planId, current: 0 })) targets.get(a.targetId)?.history.actuals.push({ at: a.at, actual: a.actual })
    return { tasks, targets }
  }

  function trend(planId: number | null, tasks: Map<number, TaskHistory>, today: string): TrendPoint[] {
    const first = statements(planId).history.firstYear.get({ planId })?.y
    if (!first) return []
    return monthsBetween(`${first}-01`, today.slice(0, 7)).map((month) => {
      const date = month === today.slice(0, 7) ? today : lastDayOf(month)
      const end = endOfShanghaiDay(date)
      const counts: TrendCounts = { closed: 0, overdue: 0, red: 0 }
      for (const task of tasks.values()) countAt(task, date, end, counts)
      const scope = planId === null ? {} : { planId }
      const filters = date === today ? { closed: { ...scope, status: 'closed' as const }, overdue: { ...scope, overdue: true }, red: { ...scope, light: 'red' as const } } : null
      return { month, asOf: date, ...counts, filters }
    })
  }

  return {
    get(planId: number | null): Dashboard {
      if (planId !== null && !deps.plans.get(planId)) throw notFound(`Plan ${planId}`)
      const today = deps.today()
      deps.lights.ensureFresh(today)
      const { lit, closedOnTime, overdueByUnit, taskDetails, targetDetails, actuals, ranking, instructionQueries } = statements(planId)
      const scope: TaskFilter = planId === null ? {} : { planId }
      const params = { planId, today }
      const read = client.transaction((): Dashboard => {
        const counts = countLitGroups(lit.all(params))
        const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, { count: counts.byStatus[s], filter: { ...scope, status: s } }])) as Dashboard['byStatus']
        const byLight = Object.fromEntries(LIGHTS.map((l) => [l, { count: counts.byLight[l], filter: { ...scope, light: l } }])) as Dashboard['byLight']
        const closed = counts.byStatus.closed
        const committed = counts.total - counts.byStatus.draft - counts.byStatus.cancelled
        const onTime = closedOnTime.get(params)!.n
        const units = overdueByUnit.all(params)

        const year = Number(today.slice(0, 4))
        const latest = new Map<number, number>()
        for (const a of actuals.all({ planId, current: 1 })) if (a.year === year) latest.set(a.targetId, a.actual)
        const { tasks, targets } = loadHistory(planId)
        const all: Omit<DashboardTarget, 'taskNumber' | 'taskTitle' | 'description' | 'measure'>[] = []
        for (const r of targets.values()) {
          if (r.year !== year || tasks.get(r.taskId)!.status === 'cancelled') continue
          const actual = latest.get(r.id) ?? null
          const p = targetProgress(r, actual, today)
          all.push({ targetId: r.id, taskId: r.taskId, year, dueOn: r.dueOn, value: r.value, actual, expectedToDate: p.expectedToDate!, completion: p.completion, onPace: p.onPace! })
        }
        // Furthest behind first: the shortfall against 序时进度 as a share of the target, worked out once each.
        const gaps = new Map(all.map((x) => [x, (x.expectedToDate - (x.actual ?? 0)) / x.value]))
        all.sort((a, b) => gaps.get(b)! - gaps.get(a)! || a.targetId - b.targetId)
        const listed = all.slice(0, DASHBOARD_TARGETS)
        const taskOf = new Map(taskDetails.all({ ids: JSON.stringify(listed.map((x) => x.taskId)) }).map((x) => [x.id, x]))
        const targetOf = new Map(targetDetails.all({ ids: JSON.stringify(listed.map((x) => x.targetId)) }).map((x) => [x.id, x]))
        const items = listed.map((x) => ({
          ...x, taskNumber: taskOf.get(x.taskId)!.number, taskTitle: taskOf.get(x.taskId)!.title,
          description: targetOf.get(x.targetId)!.description, measure: targetOf.get(x.targetId)!.measure,
        }))

        const summary = ranking.get(params)
        const instructions: Dashboard['instructions'] = {
          ...instructionQueries.counts.get(params)!,
          items: instructionQueries.items.all(params).map(({ answeredAt, units: list, ...i }) => ({
            ...i, answered: answeredAt !== null, overdue: answeredAt === null && i.replyBy < today, units: JSON.parse(list) as DashboardInstruction['units'],
          })),
        }
        return {
          planId, asOf: today,
          total: { count: counts.total, filter: scope },
          byStatus, byLight,
          rates: {
            completion: { rate: rate(closed, committed), closed: byStatus.closed, of: committed },
            onTime: { rate: rate(onTime, closed), closedOnTime: onTime, closed: byStatus.closed },
          },
          overdueByUnit: {
            units: units.map((u) => ({ unit: { id: u.unitId, name: u.name }, count: u.count, filter: { ...scope, unitId: u.unitId, role: 'lead' as const, overdue: true } })),
            unitCount: units[0]?.units ?? 0,
          },
          targets: { year, total: all.length, behind: all.filter((x) => !x.onPace).length, items },
          trend: trend(planId, tasks, today),
          ranking: summary ? { summaryId: summary.id, planId: summary.planId, period: summary.period, title: summary.title, units: (JSON.parse(summary.content) as { units?: UnitScoreLine[] }).units ?? [] } : null,
          instructions,
        }
      })
      return read()
    },
  }
}
export type DashboardRepository = ReturnType<typeof createDashboardRepository>
