import DatabaseConstructor, { type Database } from 'better-sqlite3'
import type { WorkingCalendar } from '../domain/calendar.js'
import { shanghaiDate } from '../domain/dates.js'
import { reportDueOn } from '../domain/progress.js'
import type { EscalationFacts, InstructionFacts, PlanFacts, ReportProblemFacts, SummaryFacts, TargetFacts, TaskFacts, UnitFacts, UnitReportStats } from '../domain/summaries/facts.js'
import { monthEnd, type SummaryPeriod } from '../domain/summaries/period.js'
import { REPORT_OWING_STATUSES } from '../domain/summaries/reports-due.js'
import type { TaskStatus } from '../domain/task-status.js'
import { lightFactQueries } from '../repositories/light-facts-sql.js'

export interface SummaryLoadInput {
  plan: PlanFacts
  period: SummaryPeriod
  asOf: string
}

/** The first instant after `date` ends in Asia/Shanghai, as the ISO-8601 UTC text the app's timestamps use. */
export const endOfShanghaiDay = (date: string) => `${date}T16:00:00.000Z`

const OWING_SQL = `(${REPORT_OWING_STATUSES.map((s) => `'${s}'`).join(',')})`

/**
 * A task's status at instant `end`: the last transition before it; before any transition, the status the first
 * one left; with no history at all, the current status — except that a task closed at or after `end` was
 * still awaiting review (closing only ever follows a completion request).
 */
const statusAt = (end: string) => `COALESCE(
  (SELECT x.to_status FROM task_transitions x WHERE x.task_id = t.id AND x.at < ${end} ORDER BY x.id DESC LIMIT 1),
  (SELECT x.from_status FROM task_transitions x WHERE x.task_id = t.id ORDER BY x.id LIMIT 1),
  CASE WHEN t.status = 'closed' AND NOT (t.closed_at < ${end}) THEN 'completion_requested' ELSE t.status END)`

// One row per task and lead unit (a task's rows come together); the deadline in force at `end`: an extension
// approved afterwards had not yet moved it.
const TASKS_SQL = `
  WITH later AS (
    SELECT task_id, old_deadline, ROW_NUMBER() OVER (PARTITION BY task_id ORDER BY decided_at, id) AS rn
    FROM extension_requests WHERE status = 'approved' AND decided_at >= @end
  )
  SELECT t.id, t.number, t.title, ${statusAt('@end')} AS status,
    CASE WHEN l.task_id IS NULL THEN t.deadline ELSE l.old_deadline END AS deadline,
    CASE WHEN t.closed_at < @end THEN date(t.closed_at, '+8 hours') END AS closedOn,
    tu.unit_id AS lead, tu.position AS leadPosition
  FROM tasks t
  LEFT JOIN later l ON l.task_id = t.id AND l.rn = 1
  LEFT JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead'
  WHERE t.plan_id = @planId`

const REPORT_STATS_SQL = `
  SELECT tu.unit_id AS unitId, COUNT(*) AS due,
    SUM(r.id IS NOT NULL AND date(r.first_submitted_at, '+8 hours') <= @dueOn) AS onTime,
    SUM(r.id IS NOT NULL AND date(r.first_submitted_at, '+8 hours') > @dueOn) AS late,
    group_concat(CASE WHEN r.id IS NULL THEN t.id END, ',' ORDER BY t.id) AS missing
  FROM tasks t
  JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'lead'
  LEFT JOIN reports r ON r.task_id = t.id AND r.unit_id = tu.unit_id AND r.period = @month AND r.first_submitted_at < @end
  WHERE t.plan_id = @planId AND ${statusAt('@monthEnd')} IN ${OWING_SQL}
  GROUP BY tu.unit_id ORDER BY tu.unit_id`

// The latest revision submitted by `end` of each report of the period's months that names a problem.
const PROBLEMS_SQL = `
  SELECT r.task_id AS taskId, r.unit_id AS unitId, r.period AS month, rv.problems
  FROM tasks t
  JOIN reports r ON r.task_id = t.id AND r.period >= @firstMonth AND r.period <= @lastMonth
  JOIN report_revisions rv ON rv.id = (SELECT MAX(v.id) FROM report_revisions v WHERE v.report_id = r.id AND v.submitted_at < @end)
  WHERE t.plan_id = @planId AND rv.problems IS NOT NULL AND trim(rv.problems) <> ''`

// Every target of the plan's tasks, of any year; their actuals are read with the lights' facts.
const TARGETS_SQL = `
  SELECT g.id, g.task_id AS taskId, g.year, g.description, g.value, g.measure, g.due_on AS dueOn, NULL AS actual
  FROM tasks t JOIN targets g ON g.task_id = t.id
  WHERE t.plan_id = @planId`

// What the lights weigh besides status, deadline and targets, as it stood at `end`. Actuals are cumulative for
// the target's year (a unit reports them only in periods of that year): the lead's latest report holds the
// figure (returned reports do not count, as in plan progress).
const LIGHT_FACTS_SQL = lightFactQueries('t.plan_id = @planId', { asOf: true })

const ESCALATIONS_SQL = `
  SELECT e.task_id AS taskId, e.level, e.deadline, e.opened_on AS openedOn,
    CASE WHEN e.resolved_at < @end THEN 'resolved' WHEN e.acknowledged_at < @end THEN 'acknowledged'
      WHEN e.resolved_at IS NULL AND e.acknowledged_at IS NULL THEN e.status ELSE 'open' END AS status
  FROM tasks t JOIN escalations e ON e.task_id = t.id
  WHERE t.plan_id = @planId AND e.opened_on <= @asOf`

// Instructions on the plan, its tasks or any unit, issued by `asOf` and not answered by its end; the units that
// had not reported by then.
const INSTRUCTIONS_SQL = `
  SELECT i.id, i.issued_on AS issuedOn, i.reply_by AS replyBy, u.name AS leader, i.text,
    CASE i.target_type WHEN 'task' THEN (SELECT t.number || '. ' || t.title FROM tasks t WHERE t.id = i.target_id)
      WHEN 'plan' THEN (SELECT p.title FROM plans p WHERE p.id = i.target_id) ELSE (SELECT n.name FROM units n WHERE n.id = i.target_id) END AS target,
    (SELECT json_group_array(n.name) FROM (SELECT n.name FROM instruction_units x JOIN units n ON n.id = x.unit_id WHERE x.instruction_id = i.id ORDER BY x.rowid) n) AS units,
    (SELECT json_group_array(n.name) FROM (SELECT n.name FROM instruction_units x JOIN units n ON n.id = x.unit_id
      WHERE x.instruction_id = i.id AND (x.reported_at IS NULL OR x.reported_at >= @end) ORDER BY x.rowid) n) AS unitsPending
  FROM instructions i JOIN users u ON u.id = i.issued_by
  WHERE (i.plan_id = @planId OR i.plan_id IS NULL) AND i.issued_on <= @asOf AND (i.answered_at IS NULL OR i.answered_at >= @end)
  ORDER BY i.id`

type TaskRow = Omit<TaskFacts, 'leadUnitIds'> & { status: TaskStatus; lead: number | null; leadPosition: number | null }

/** Puts lead units in the document's order (the join yields them by unit id). */
function sortByPosition(unitIds: number[], positions: number[]) {
  const order = unitIds.map((id, i) => ({ id, position: positions[i]! })).sort((a, b) => a.position - b.position)
  order.forEach((u, i) => { unitIds[i] = u.id })
}

/** Looks rows up by id, indexing them on the first look-up only: a plan never dispatched or reported on needs none. */
function byId<T extends { id: number }>(rows: readonly T[]): (id: number) => T | undefined {
  let index: Map<number, T> | undefined
  return (id) => {
    if (!index) {
      index = new Map()
      for (const row of rows) index.set(row.id, row)
    }
    return index.get(id)
  }
}

/** A comma-separated id list from group_concat; most tasks have one lead. */
const ids = (list: string | null): number[] => (list === null ? [] : list.includes(',') ? list.split(',').map(Number) : [Number(list)])

/**
 * Reads what one plan's summary needs, as it stood at the end of `asOf`, in one read transaction (a consistent
 * snapshot). Aggregates in SQL where rows would otherwise multiply (reports per unit and month). Only reads.
 */
export function loadSummaryFacts(db: Database, calendar: WorkingCalendar, { plan, period, asOf }: SummaryLoadInput): SummaryFacts {
  const end = endOfShanghaiDay(asOf)
  const planId = plan.id
  const client = readerFor(db)
  const read = client.transaction((): SummaryFacts => {
    const tasks: TaskFacts[] = []
    // Statuses and dates repeat across 100,000 tasks: one string each instead of one per task.
    const strings = new Map<string, string>()
    const intern = <T extends string | null>(value: T): T => {
      if (value === null) return value
      const known = strings.get(value)
      if (known !== undefined) return known as T
      strings.set(value, value)
      return value
    }
    // Positions of the lead units of tasks with several, to put them in the document's order afterwards.
    const severalLeads = new Map<TaskFacts, number[]>()
    let last: TaskFacts | undefined
    let firstPosition: number | null = null
    for (const r of client.prepare(TASKS_SQL).iterate({ planId, end }) as Iterable<TaskRow>) {
      if (last?.id === r.id) {
        let positions = severalLeads.get(last)
        if (!positions) severalLeads.set(last, (positions = [firstPosition!]))
        last.leadUnitIds.push(r.lead!)
        positions.push(r.leadPosition!)
        continue
      }
      last = {
        id: r.id, number: r.number, title: r.title, status: intern(r.status), deadline: intern(r.deadline), closedOn: intern(r.closedOn),
        leadUnitIds: r.lead === null ? [] : [r.lead], dispatchedOn: null, lastReportedPeriod: null,
      }
      firstPosition = r.leadPosition
      tasks.push(last)
    }
    for (const [task, positions] of severalLeads) sortByPosition(task.leadUnitIds, positions)
    const taskById = byId(tasks)
    for (const [taskId, at] of client.prepare(LIGHT_FACTS_SQL.dispatched).raw().iterate({ planId, end }) as Iterable<[number, string]>) {
      taskById(taskId)!.dispatchedOn = intern(shanghaiDate(new Date(at)))
    }
    for (const [taskId, period] of client.prepare(LIGHT_FACTS_SQL.reported).raw().iterate({ planId, end }) as Iterable<[number, string]>) {
      taskById(taskId)!.lastReportedPeriod = intern(period)
    }

    const reportStats: UnitReportStats[] = []
    const statsOf = client.prepare(REPORT_STATS_SQL)
    for (const month of period.months) {
      const dueOn = reportDueOn(month, plan.reportingDay)
      if (dueOn > asOf) continue
      const lastDay = monthEnd(month) < asOf ? monthEnd(month) : asOf
      const rows = statsOf.all({ planId, month, dueOn, end, monthEnd: endOfShanghaiDay(lastDay) }) as { unitId: number; due: number; onTime: number; late: number; missing: string | null }[]
      for (const r of rows) reportStats.push({ unitId: r.unitId, month, due: r.due, onTime: r.onTime, late: r.late, missingTaskIds: ids(r.missing) })
    }

    const lastMonth = asOf.slice(0, 7)
    const problems = period.kind === 'monthly'
      ? client.prepare(PROBLEMS_SQL).all({ planId, end, firstMonth: period.months[0], lastMonth }) as ReportProblemFacts[]
      : []
    const targets = client.prepare(TARGETS_SQL).all({ planId }) as TargetFacts[]
    const targetById = byId(targets)
    // Oldest first: the last figure per target is the one in force.
    for (const [targetId, actual] of client.prepare(LIGHT_FACTS_SQL.actuals).raw().iterate({ planId, end }) as Iterable<[number, number]>) {
      const target = targetById(targetId)
      if (target) target.actual = actual
    }
    const escalations = client.prepare(ESCALATIONS_SQL).all({ planId, end, asOf }) as EscalationFacts[]
    const units = client.prepare('SELECT id, name FROM units ORDER BY id').all() as UnitFacts[]
    const instructions = period.kind === 'annual' ? [] : (client.prepare(INSTRUCTIONS_SQL).all({ planId, end, asOf }) as (Omit<InstructionFacts, 'units' | 'unitsPending'> & { units: string; unitsPending: string })[])
      .map((i) => ({ ...i, units: JSON.parse(i.units) as string[], unitsPending: JSON.parse(i.unitsPending) as string[] }))
    return { plan, period, asOf, calendar, units, tasks, targets, problems, reportStats, escalations, instructions }
  })
  try {
    return read()
  } finally {
    if (client !== db) client.close()
  }
}

/**
 * A connection of its own for reading a file database: it reads through a small page cache instead of the
 * main connection's memory map and large cache, and gives both back when closed, so a summary of 100,000
 * tasks stays light. An in-memory database has only the one connection.
 */
function readerFor(db: Database): Database {
  if (db.memory) return db
  const reader = new DatabaseConstructor(db.name, { readonly: true, fileMustExist: true })
  reader.pragma('busy_timeout = 5000')
  reader.pragma('cache_size = -4096')
  return reader
}
