import type { Statement } from 'better-sqlite3'
import type { WorkingCalendar } from '../domain/calendar.js'
import { shanghaiDate } from '../domain/dates.js'
import { assessLight, DEFAULT_BEHIND_TOLERANCE, lightClock, type LightPlan, type LightTarget } from '../domain/lights.js'
import type { TaskStatus } from '../domain/task-status.js'
import type { Db } from './db-types.js'
import { lightFactQueries } from './light-facts-sql.js'

/** Which tasks a recomputation covers; `stale`: those whose stored light may read differently by the day recomputed for. */
export type LightScope = { ids: readonly number[] } | { planId: number } | 'stale' | 'all'

type TaskLightRow = [id: number, planId: number, status: TaskStatus, deadline: string | null, effective: string | null, source: string, light: string, reasons: string, changesOn: string | null]

/**
 * The stored light of each task (src/domain/lights.ts over the task, its targets, reports and plan), kept in
 * the task row so `GET /api/tasks?light=` filters in SQL. Writes recompute the tasks they touch, calendar and
 * plan changes the tasks they affect, and the daily scan every task. Each row also keeps the day its light may
 * next read differently with no write (a deadline's window opening, a day more overdue, a new period);
 * `ensureFresh(today)` recomputes the rows that reached it, so a read is right on any day even before the scan.
 */
export function createLightsRepository(db: Db, deps: { calendar: () => WorkingCalendar }) {
  const client = db.$client
  const scopeSql = { ids: 't.id IN (SELECT value FROM json_each(@ids))', plan: 't.plan_id = @planId', stale: 't.light_changes_on <= @today', all: '1' } as const
  type ScopeKind = keyof typeof scopeSql
  const statements = new Map<string, Statement<unknown[]>>()
  const prepared = (kind: ScopeKind, name: keyof typeof QUERIES) => {
    const key = `${kind}:${name}`
    let s = statements.get(key)
    if (!s) statements.set(key, (s = client.prepare<unknown[]>(QUERIES[name].replace('@scope', scopeSql[kind])).raw()))
    return s
  }
  const plans = client.prepare<[], [number, number, number, number, number]>('SELECT id, end_year, reporting_day, yellow_days, behind_tolerance FROM plans').raw()
  const update = client.prepare<[string, string, string, string, string | null, number]>(
    'UPDATE tasks SET effective_deadline = ?, deadline_source = ?, light = ?, light_reasons = ?, light_changes_on = ? WHERE id = ?',
  )
  // Most days only the reasons' day counts move; leaving the indexed columns out of the SET spares their index.
  const updateReasons = client.prepare<[string, string | null, number]>('UPDATE tasks SET light_reasons = ?, light_changes_on = ? WHERE id = ?')
  const anyStale = client.prepare<[string], number>('SELECT 1 FROM tasks WHERE light_changes_on <= ? LIMIT 1').pluck()

  /** Recomputes the lights in `scope` as of `today`; returns how many rows changed. Call inside the caller's transaction or alone. */
  function recompute(scope: LightScope, today: string): number {
    const kind: ScopeKind = typeof scope === 'string' ? scope : 'ids' in scope ? 'ids' : 'plan'
    if (kind === 'ids' && (scope as { ids: readonly number[] }).ids.length === 0) return 0
    const params = scope === 'all' ? {} : scope === 'stale' ? { today } : 'ids' in scope ? { ids: JSON.stringify(scope.ids) } : { planId: scope.planId }
    const planRules = new Map<number, LightPlan>()
    for (const [id, endYear, reportingDay, yellowDays, behindTolerance] of plans.all()) {
      planRules.set(id, { endYear, reportingDay, yellowDays, behindTolerance: behindTolerance ?? DEFAULT_BEHIND_TOLERANCE })
    }
    const targetsOf = new Map<number, LightTarget[]>()
    const byId = new Map<number, LightTarget>()
    for (const [taskId, id, year, value, dueOn] of prepared(kind, 'targets').all(params) as [number, number, number, number | null, string][]) {
      const target: LightTarget = { id, year, value, dueOn, actual: null }
      byId.set(id, target)
      const list = targetsOf.get(taskId)
      if (list) list.push(target)
      else targetsOf.set(taskId, [target])
    }
    if (byId.size) for (const [targetId, actual] of prepared(kind, 'actuals').all(params) as [number, number][]) byId.get(targetId)!.actual = actual
    const lastReported = new Map(prepared(kind, 'reported').all(params) as [number, string][])
    const dispatched = new Map(prepared(kind, 'dispatched').all(params) as [number, string][])

    const clock = lightClock(today, deps.calendar())
    let changed = 0
    const run = () => {
      for (const [id, planId, status, deadline, effective, source, light, reasons, changesOn] of prepared(kind, 'tasks').all(params) as TaskLightRow[]) {
        const at = dispatched.get(id)
        const a = assessLight({
          status, deadline, targets: targetsOf.get(id) ?? [], dispatchedOn: at ? shanghaiDate(new Date(at)) : null, lastReportedPeriod: lastReported.get(id) ?? null,
        }, planRules.get(planId)!, clock)
        const json = JSON.stringify(a.reasons)
        const sameLight = a.deadline === effective && a.deadlineSource === source && a.light === light
        if (sameLight && json === reasons && a.changesOn === changesOn) continue
        if (sameLight) updateReasons.run(json, a.changesOn, id)
        else update.run(a.deadline, a.deadlineSource, a.light, json, a.changesOn, id)
        changed++
      }
    }
    if (client.inTransaction) run()
    else client.transaction(run).immediate()
    return changed
  }

  return {
    recompute,
    /** Recomputes the rows whose stored light may have changed by `today` (none once the day's scan has run). */
    ensureFresh(today: string): number {
      return anyStale.get(today) === undefined ? 0 : recompute('stale', today)
    },
  }
}
export type LightsRepository = ReturnType<typeof createLightsRepository>

// `@scope` is one of the scopes above over `tasks t`.
const QUERIES = {
  tasks: `SELECT t.id, t.plan_id, t.status, t.deadline, t.effective_deadline, t.deadline_source, t.light, t.light_reasons, t.light_changes_on
    FROM tasks t WHERE @scope`,
  targets: 'SELECT tg.task_id, tg.id, tg.year, tg.value, tg.due_on FROM tasks t JOIN targets tg ON tg.task_id = t.id WHERE @scope',
  ...lightFactQueries('@scope', { asOf: false }),
} as const
