import type { Statement } from 'better-sqlite3'
import { eq, sql } from 'drizzle-orm'
import { sections, targets, taskUnits, tasks, type TaskUnitRole } from '../db/schema/index.js'
import type { WorkingCalendar } from '../domain/calendar.js'
import { yellowFrom, type DeadlineSource, type Light, type LightReason } from '../domain/lights.js'
import { outsidePlanYears, type PlanYears } from '../domain/plan-period.js'
import { FINISHED_STATUSES, type TaskStatus } from '../domain/task-status.js'
import { badRequest, conflict, notFound, preconditionFailed, unprocessable, type ProblemField } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import { recordAudit } from './audit.js'
import type { Db, DbOrTx, Tx } from './db-types.js'
import type { Attachment, FilesRepository } from './files.js'
import type { LightsRepository } from './lights.js'
import type { PlansRepository } from './plans.js'
import type { UnitsRepository } from './units.js'

export interface TargetInput { year: number; description: string; value?: number | null; measure?: string | null; dueOn?: string | null }

export interface TaskInput {
  number: string
  title: string
  description?: string
  sectionId?: number | null
  parentId?: number | null
  deadline?: string | null
  leadUnitIds: number[]
  responsibleUnitIds?: number[]
  cooperatingUnitIds?: number[]
  /** The lead was inferred (the document listed only 责任单位). */
  leadInferred?: boolean
  targets?: TargetInput[]
  /** Evidence the office attaches to the task: its own unattached uploads. */
  attachmentIds?: number[]
}

export type TaskPatch = Partial<TaskInput>

export interface IdName { id: number; name: string }
/** A task row as SQL returns it (the light's reasons still JSON text). */
export type TaskRow = Omit<typeof tasks.$inferSelect, 'lightReasons' | 'lightChangesOn'> & { lightReasons: string }
export type Target = typeof targets.$inferSelect

export interface TaskView {
  id: number
  planId: number
  sectionId: number | null
  parentId: number | null
  number: string
  title: string
  description: string
  deadline: string | null
  status: TaskStatus
  percent: number
  light: Light
  /** Why the light is not green, red reasons first. */
  lightReasons: LightReason[]
  /** The deadline the light holds the task to, and where it comes from. */
  effectiveDeadline: string | null
  deadlineSource: DeadlineSource
  version: number
  leadInferred: boolean
  units: { lead: IdName[]; responsible: IdName[]; cooperating: IdName[] }
  closedAt: string | null
  createdAt: string
  updatedAt: string
}

export type TaskDetail = TaskView & { targets: Target[]; attachments: Attachment[] }

export const TASK_SORTS = ['id', '-id', 'deadline', '-deadline'] as const
export type TaskSort = (typeof TASK_SORTS)[number]

export interface TaskFilter {
  planId?: number
  sectionId?: number
  unitId?: number
  role?: TaskUnitRole
  status?: TaskStatus
  light?: Light
  overdue?: boolean
  deadlineFrom?: string
  deadlineTo?: string
  q?: string
  sort?: TaskSort
  limit: number
  cursor?: string
}

export const etagOf = (t: { id: number; version: number }) => `"${t.id}-${t.version}"`

const FINISHED_SQL = `(${FINISHED_STATUSES.map((s) => `'${s}'`).join(',')})`
/** Past the deadline it is held to and not finished (the `overdue` reason). */
const OVERDUE = `(t.effective_deadline < @today AND t.status NOT IN ${FINISHED_SQL})`

/** The task row's columns as TaskRow names them; lists read them as arrays, which costs better-sqlite3 a third less. */
const TASK_FIELDS = [
  ['t.id', 'id'], ['t.plan_id', 'planId'], ['t.section_id', 'sectionId'], ['t.parent_id', 'parentId'], ['t.number', 'number'],
  ['t.title', 'title'], ['t.description', 'description'], ['t.deadline', 'deadline'], ['t.yellow_from', 'yellowFrom'],
  ['t.status', 'status'], ['t.percent', 'percent'], ['t.version', 'version'], ['t.closed_at', 'closedAt'],
  ['t.created_at', 'createdAt'], ['t.updated_at', 'updatedAt'], ['t.effective_deadline', 'effectiveDeadline'],
  ['t.deadline_source', 'deadlineSource'], ['t.light', 'light'], ['t.light_reasons', 'lightReasons'],
] as const satisfies readonly (readonly [string, keyof TaskRow])[]
const TASK_COLUMNS = TASK_FIELDS.map(([column, name]) => `${column} AS ${name}`).join(', ')
function taskRowOf(values: unknown[]): TaskRow {
  const row: Record<string, unknown> = {}
  for (let i = 0; i < TASK_FIELDS.length; i++) row[TASK_FIELDS[i]![1]] = values[i]
  return row as TaskRow
}

interface Cursor { k: string | number; id: number }
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url')
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor
    if (typeof c.id === 'number' && (typeof c.k === 'string' || typeof c.k === 'number')) return c
  } catch { /* fall through */ }
  throw badRequest('cursor is not one this API issued.', [{ in: 'querystring', field: 'cursor', detail: 'is malformed' }])
}

const sortKey: Record<TaskSort, { expr: string; desc: boolean; of: (r: TaskRow) => string | number }> = {
  id: { expr: 't.id', desc: false, of: (r) => r.id },
  '-id': { expr: 't.id', desc: true, of: (r) => r.id },
  deadline: { expr: "COALESCE(t.deadline,'9999-12-31')", desc: false, of: (r) => r.deadline ?? '9999-12-31' },
  '-deadline': { expr: "COALESCE(t.deadline,'9999-12-31')", desc: true, of: (r) => r.deadline ?? '9999-12-31' },
}

export interface TasksDeps {
  units: UnitsRepository
  plans: PlansRepository
  files: FilesRepository
  calendar: () => WorkingCalendar
  today: () => string
  lights: LightsRepository
}

export function createTasksRepository(db: Db, deps: TasksDeps) {
  const client = db.$client
  const statements = new Map<string, Statement<unknown[]>>()
  /** A statement prepared once; `raw` ones return rows as arrays of values. */
  const prepared = (text: string, raw = false) => {
    const key = raw ? `raw:${text}` : text
    let s = statements.get(key)
    if (!s) statements.set(key, (s = raw ? client.prepare<unknown[]>(text).raw() : client.prepare<unknown[]>(text)))
    return s
  }

  function unitsOf(taskIds: number[]): Map<number, { lead: IdName[]; responsible: IdName[]; cooperating: IdName[]; inferred: boolean }> {
    const out = new Map<number, { lead: IdName[]; responsible: IdName[]; cooperating: IdName[]; inferred: boolean }>()
    for (const id of taskIds) out.set(id, { lead: [], responsible: [], cooperating: [], inferred: false })
    if (taskIds.length === 0) return out
    const rows = prepared(`SELECT tu.task_id, tu.role, tu.inferred, u.id, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id
      WHERE tu.task_id IN (SELECT value FROM json_each(?)) ORDER BY tu.task_id, tu.position`, true).all(JSON.stringify(taskIds)) as
      [taskId: number, role: TaskUnitRole, inferred: number, id: number, name: string][]
    for (const [taskId, role, inferred, id, name] of rows) {
      const entry = out.get(taskId)!
      entry[role].push({ id, name })
      if (inferred) entry.inferred = true
    }
    return out
  }

  function toViews(rows: TaskRow[]): TaskView[] {
    const byTask = unitsOf(rows.map((r) => r.id))
    return rows.map((r) => {
      const u = byTask.get(r.id)!
      return {
        id: r.id, planId: r.planId, sectionId: r.sectionId, parentId: r.parentId, number: r.number, title: r.title,
        description: r.description, deadline: r.deadline, status: r.status, percent: r.percent,
        light: r.light, lightReasons: JSON.parse(r.lightReasons) as LightReason[], effectiveDeadline: r.effectiveDeadline, deadlineSource: r.deadlineSource,
        version: r.version, leadInferred: u.inferred, units: { lead: u.lead, responsible: u.responsible, cooperating: u.cooperating },
        closedAt: r.closedAt, createdAt: r.createdAt, updatedAt: r.updatedAt,
      }
    })
  }

  const rowById = (id: number) => prepared(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = ?`).get(id) as TaskRow | undefined

  function isVisible(taskId: number, viewer: Viewer): boolean {
    if (viewer.role !== 'unit') return true
    return prepared('SELECT 1 FROM task_units WHERE task_id = ? AND unit_id = ?').get(taskId, viewer.unitId) !== undefined
  }

  /** The task as `viewer` may see it; a task outside a unit user's scope does not exist for them. */
  function requireVisibleRow(id: number, viewer: Viewer): TaskRow {
    const row = rowById(id)
    if (!row || !isVisible(id, viewer)) throw notFound(`Task ${id}`)
    return row
  }

  function validate(tx: DbOrTx, planId: number, input: TaskPatch, selfId?: number) {
    const errors: ProblemField[] = []
    const ids = [...(input.leadUnitIds ?? []), ...(input.responsibleUnitIds ?? []), ...(input.cooperatingUnitIds ?? [])]
    if (new Set(ids).size !== ids.length) errors.push({ in: 'body', field: 'leadUnitIds', detail: 'a unit may hold only one role on a task' })
    for (const field of ['leadUnitIds', 'responsibleUnitIds', 'cooperatingUnitIds'] as const) {
      const missing = deps.units.missing(input[field] ?? [])
      if (missing.length) errors.push({ in: 'body', field, detail: `unknown unit id(s): ${missing.join(', ')}` })
    }
    if (input.sectionId != null) {
      const s = tx.select({ planId: sections.planId }).from(sections).where(eq(sections.id, input.sectionId)).get()
      if (!s || s.planId !== planId) errors.push({ in: 'body', field: 'sectionId', detail: 'no such section in this plan' })
    }
    if (input.parentId != null) {
      const p = rowById(input.parentId)
      if (!p || p.planId !== planId) errors.push({ in: 'body', field: 'parentId', detail: 'no such task in this plan' })
      else if (selfId !== undefined && ancestorsOf(input.parentId).includes(selfId)) errors.push({ in: 'body', field: 'parentId', detail: 'would make the task its own ancestor' })
    }
    if (errors.length) throw unprocessable(errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors)
  }

  function ancestorsOf(id: number): number[] {
    const out: number[] = []
    for (let cur: number | null = id; cur != null && !out.includes(cur); cur = rowById(cur)?.parentId ?? null) out.push(cur)
    return out
  }

  function writeUnits(tx: Tx, taskId: number, input: TaskPatch) {
    tx.delete(taskUnits).where(eq(taskUnits.taskId, taskId)).run()
    const rows: (typeof taskUnits.$inferInsert)[] = []
    const add = (ids: number[] | undefined, role: TaskUnitRole) => ids?.forEach((unitId) => rows.push({ taskId, unitId, role, position: rows.length, inferred: role === 'lead' && !!input.leadInferred }))
    add(input.leadUnitIds, 'lead')
    add(input.responsibleUnitIds, 'responsible')
    add(input.cooperatingUnitIds, 'cooperating')
    if (rows.length) tx.insert(taskUnits).values(rows).run()
  }

  function writeTargets(tx: Tx, taskId: number, list: TargetInput[]) {
    tx.delete(targets).where(eq(targets.taskId, taskId)).run()
    if (list.length) {
      tx.insert(targets).values(list.map((t) => ({
        taskId, year: t.year, description: t.description, value: t.value ?? null, measure: t.measure ?? null, dueOn: t.dueOn ?? `${t.year}-12-31`,
      }))).run()
    }
  }

  const yellowDaysOf = (planId: number) => deps.plans.get(planId)?.yellowDays ?? 5

  /** The office's requests keep deadlines and targets within the plan's years (imports are not held to it). */
  function requireWithinPlan(plan: PlanYears, input: TaskPatch) {
    const errors = outsidePlanYears(plan, input).map((e) => ({ in: 'body', ...e }))
    if (errors.length) throw unprocessable(errors.map((e) => `${e.field}: ${e.detail}`).join('; '), errors)
  }

  /** Recomputes the stored light of tasks a write changed, inside its transaction. */
  const refreshLights = (ids: readonly number[]) => deps.lights.recompute({ ids }, deps.today())

  const targetsOf = db.select().from(targets).where(eq(targets.taskId, sql.placeholder('id'))).prepare()

  function snapshot(id: number): TaskDetail {
    deps.lights.ensureFresh(deps.today())
    const [view] = toViews([rowById(id)!])
    return { ...view!, targets: targetsOf.all({ id }), attachments: deps.files.attachmentsOf('task', [id]).get(id)! }
  }

  function checkIfMatch(row: TaskRow, ifMatch: string | undefined) {
    if (ifMatch !== undefined && ifMatch.replace(/^W\//, '') !== etagOf(row)) {
      throw preconditionFailed(`Task ${row.id} has changed (now ${etagOf(row)}); fetch it again and retry.`)
    }
  }

  /** Inserts a task with its units and targets inside the caller's transaction; importers reuse it. */
  function insertTask(tx: Tx, planId: number, input: TaskInput, actorId: number | null): number {
    validate(tx, planId, input)
    const deadline = input.deadline ?? null
    const existing = tx.select({ id: tasks.id }).from(tasks).where(sql`${tasks.planId} = ${planId} AND ${tasks.number} = ${input.number}`).get()
    if (existing) throw conflict(`Plan ${planId} already has a task numbered ${input.number}.`, { field: 'number' })
    const row = tx.insert(tasks).values({
      planId, number: input.number, title: input.title, description: input.description ?? '', sectionId: input.sectionId ?? null,
      parentId: input.parentId ?? null, deadline, yellowFrom: yellowFrom(deadline, yellowDaysOf(planId), deps.calendar()),
    }).returning({ id: tasks.id }).get()
    writeUnits(tx, row.id, input)
    writeTargets(tx, row.id, input.targets ?? [])
    // A new row's light is due at once (light_changes_on's default): the next read computes it, an import's all together.
    recordAudit(tx, { actorId, action: 'task.create', entityType: 'task', entityId: row.id, after: { ...input, planId } })
    return row.id
  }

  return {
    insertTask,
    isVisible,
    requireVisibleRow,
    checkIfMatch,
    rowById,
    toViews,
    refreshLights,

    create(planId: number, input: TaskInput, actorId: number): TaskDetail {
      const plan = deps.plans.get(planId)
      if (!plan) throw notFound(`Plan ${planId}`)
      requireWithinPlan(plan, input)
      const id = db.transaction((tx) => {
        const taskId = insertTask(tx, planId, input, actorId)
        deps.files.attachFiles(tx, { fileIds: input.attachmentIds ?? [], ownerType: 'task', ownerId: taskId, taskId, viewer: { id: actorId } })
        return taskId
      })
      return snapshot(id)
    },

    get(id: number, viewer: Viewer): TaskDetail {
      requireVisibleRow(id, viewer)
      return snapshot(id)
    },

    list(filter: TaskFilter, viewer: Viewer): { items: TaskView[]; nextCursor: string | null } {
      const today = deps.today()
      deps.lights.ensureFresh(today)
      const params: Record<string, unknown> = { today, limit: filter.limit + 1 }
      const where: string[] = []
      const scopes: string[] = []
      if (viewer.role === 'unit') {
        params.viewerUnit = viewer.unitId
        scopes.push('EXISTS (SELECT 1 FROM task_units v WHERE v.task_id = t.id AND v.unit_id = @viewerUnit)')
      }
      if (filter.role && filter.unitId === undefined && viewer.role !== 'unit') {
        throw badRequest('role filters the tasks of one unit: give unitId too.', [{ in: 'querystring', field: 'role', detail: 'needs unitId' }])
      }
      const unitId = filter.unitId ?? (filter.role ? viewer.unitId ?? undefined : undefined)
      let from = 'tasks t'
      if (unitId !== undefined) {
        // Drive the query from the unit's index entries: a unit holds a few hundred of 100k tasks.
        from = 'task_units tu CROSS JOIN tasks t ON t.id = tu.task_id'
        where.push('tu.unit_id = @unitId')
        params.unitId = unitId
        if (filter.role) {
          where.push('tu.role = @role')
          params.role = filter.role
        }
      }
      if (filter.planId !== undefined) { where.push('t.plan_id = @planId'); params.planId = filter.planId }
      if (filter.sectionId !== undefined) { where.push('t.section_id = @sectionId'); params.sectionId = filter.sectionId }
      if (filter.status) { where.push('t.status = @status'); params.status = filter.status }
      if (filter.light) { where.push('t.light = @light'); params.light = filter.light }
      if (filter.overdue !== undefined) where.push(filter.overdue ? OVERDUE : `NOT ${OVERDUE}`)
      if (filter.deadlineFrom) { where.push('t.deadline >= @deadlineFrom'); params.deadlineFrom = filter.deadlineFrom }
      if (filter.deadlineTo) { where.push('t.deadline <= @deadlineTo'); params.deadlineTo = filter.deadlineTo }
      if (filter.q) {
        where.push("(t.title LIKE @q ESCAPE '\\' OR t.description LIKE @q ESCAPE '\\')")
        params.q = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
      }
      const sort = sortKey[filter.sort ?? 'id']
      // Driven from one unit, its index entries come in task order: no sort, and the scan stops at the page's end.
      const idExpr = unitId !== undefined ? 'tu.task_id' : 't.id'
      if (filter.cursor) {
        const c = decodeCursor(filter.cursor)
        params.ck = c.k
        params.cid = c.id
        const op = sort.desc ? '<' : '>'
        where.push(sort.expr === 't.id' ? `${idExpr} ${op} @cid` : `(${sort.expr} ${op} @ck OR (${sort.expr} = @ck AND t.id ${op} @cid))`)
      }
      const dir = sort.desc ? 'DESC' : 'ASC'
      const order = sort.expr === 't.id' ? `${idExpr} ${dir}` : `${sort.expr} ${dir}, t.id ${dir}`
      const allWhere = [...scopes, ...where]
      const text = `SELECT ${TASK_COLUMNS} FROM ${from} ${allWhere.length ? `WHERE ${allWhere.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`
      const rows = (prepared(text, true).all(params) as unknown[][]).map(taskRowOf)
      const more = rows.length > filter.limit
      const page = more ? rows.slice(0, filter.limit) : rows
      const last = page[page.length - 1]
      return { items: toViews(page), nextCursor: more && last ? encodeCursor({ k: sort.of(last), id: last.id }) : null }
    },

    update(id: number, patch: TaskPatch, actorId: number | null, ifMatch?: string): TaskDetail {
      const before = rowById(id)
      if (!before) throw notFound(`Task ${id}`)
      checkIfMatch(before, ifMatch)
      db.transaction((tx) => {
        const beforeSnap = snapshot(id)
        validate(tx, before.planId, patch, id)
        requireWithinPlan(deps.plans.get(before.planId)!, patch)
        if (patch.number !== undefined && patch.number !== before.number) {
          const dup = tx.select({ id: tasks.id }).from(tasks).where(sql`${tasks.planId} = ${before.planId} AND ${tasks.number} = ${patch.number}`).get()
          if (dup) throw conflict(`Plan ${before.planId} already has a task numbered ${patch.number}.`, { field: 'number' })
        }
        const deadline = patch.deadline !== undefined ? patch.deadline : before.deadline
        const changed = tx.update(tasks).set({
          ...(patch.number !== undefined && { number: patch.number }),
          ...(patch.title !== undefined && { title: patch.title }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.sectionId !== undefined && { sectionId: patch.sectionId }),
          ...(patch.parentId !== undefined && { parentId: patch.parentId }),
          deadline,
          yellowFrom: yellowFrom(deadline, yellowDaysOf(before.planId), deps.calendar()),
          version: sql`${tasks.version} + 1`,
          updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
        }).where(sql`${tasks.id} = ${id} AND ${tasks.version} = ${before.version}`).run()
        if (changed.changes !== 1) throw preconditionFailed(`Task ${id} changed while it was being updated; retry.`)
        const unitsChanged = patch.leadUnitIds || patch.responsibleUnitIds || patch.cooperatingUnitIds
        if (unitsChanged) {
          const u = beforeSnap.units
          writeUnits(tx, id, {
            leadUnitIds: patch.leadUnitIds ?? u.lead.map((x) => x.id),
            responsibleUnitIds: patch.responsibleUnitIds ?? u.responsible.map((x) => x.id),
            cooperatingUnitIds: patch.cooperatingUnitIds ?? u.cooperating.map((x) => x.id),
            leadInferred: patch.leadInferred ?? (patch.leadUnitIds ? false : beforeSnap.leadInferred),
          })
        }
        if (patch.targets) writeTargets(tx, id, patch.targets)
        if (patch.attachmentIds && actorId !== null) deps.files.attachFiles(tx, { fileIds: patch.attachmentIds, ownerType: 'task', ownerId: id, taskId: id, viewer: { id: actorId } })
        refreshLights([id])
        recordAudit(tx, { actorId, action: 'task.update', entityType: 'task', entityId: id, before: beforeSnap, after: snapshot(id) })
      })
      return snapshot(id)
    },

    remove(id: number, actorId: number, ifMatch?: string): void {
      const before = rowById(id)
      if (!before) throw notFound(`Task ${id}`)
      checkIfMatch(before, ifMatch)
      if (before.status !== 'draft') {
        throw conflict(`Task ${id} is ${before.status}; only draft tasks can be deleted — cancel it instead.`, { currentState: before.status, allowedActions: ['cancel'] })
      }
      db.transaction((tx) => {
        const snap = snapshot(id)
        tx.delete(tasks).where(eq(tasks.id, id)).run()
        recordAudit(tx, { actorId, action: 'task.delete', entityType: 'task', entityId: id, before: snap })
      })
    },

    /** Recomputes the derived yellow-light start dates after the calendar or a plan's window changed. */
    recomputeYellowFrom(tx: DbOrTx, calendar: WorkingCalendar, planId?: number): number {
      const rows = tx.select({ id: tasks.id, deadline: tasks.deadline, planId: tasks.planId }).from(tasks)
        .where(planId === undefined ? sql`${tasks.deadline} IS NOT NULL` : sql`${tasks.deadline} IS NOT NULL AND ${tasks.planId} = ${planId}`).all()
      const windows = new Map<number, number>()
      const update = client.prepare('UPDATE tasks SET yellow_from = ? WHERE id = ?')
      for (const r of rows) {
        let w = windows.get(r.planId)
        if (w === undefined) windows.set(r.planId, (w = yellowDaysOf(r.planId)))
        update.run(yellowFrom(r.deadline, w, calendar), r.id)
      }
      return rows.length
    },
  }
}
export type TasksRepository = ReturnType<typeof createTasksRepository>
