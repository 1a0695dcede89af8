import type { Statement, Transaction } from 'better-sqlite3'
import type { tasks } from '../db/schema/index.js'
import type { EventPayloads, EventType } from '../domain/events.js'
import { allowedActions, apply, type ActorKind, type TaskAction } from '../domain/lifecycle.js'
import type { TaskStatus } from '../domain/task-status.js'
import { conflict, forbidden, preconditionFailed } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { RememberResponse } from '../plugins/idempotency.js'
import { createAuditRecorder } from './audit.js'
import type { Db } from './db-types.js'
import type { TaskDetail, TaskRow, TasksRepository } from './tasks.js'

/** Options every workflow write takes: the task's ETag to match, and the idempotent response to store. */
export interface WriteOptions<T> {
  ifMatch?: string
  remember?: RememberResponse<T>
}

/**
 * Runs `work` as one write transaction taken at once (BEGIN IMMEDIATE: no upgrade deadlock with another
 * process), or as a savepoint when a transaction is already open (see workflow-commits.ts).
 */
export function inWriteTransaction<T>(db: Db, work: () => T): T {
  let run = writeTransactions.get(db.$client)
  if (!run) writeTransactions.set(db.$client, (run = db.$client.transaction((w: () => unknown) => w())))
  return run.immediate(work) as T
}
const writeTransactions = new WeakMap<Db['$client'], Transaction<(work: () => unknown) => unknown>>()

/** Lifecycle actions that change the task's status and nothing else. */
export type StatusAction = Extract<TaskAction, 'dispatch' | 'acknowledge' | 'request-completion' | 'accept' | 'return' | 'suspend' | 'resume' | 'cancel'>

const STATUS_EVENTS: Record<StatusAction, EventType> = {
  dispatch: 'task.dispatched',
  acknowledge: 'task.acknowledged',
  'request-completion': 'task.completion_requested',
  accept: 'task.closed',
  return: 'task.returned',
  suspend: 'task.suspended',
  resume: 'task.resumed',
  cancel: 'task.cancelled',
}

type TaskChange = Partial<Pick<typeof tasks.$inferInsert, 'status' | 'percent' | 'deadline' | 'yellowFrom' | 'closedAt'>>
const TASK_COLUMN: Record<keyof TaskChange, string> = { status: 'status', percent: 'percent', deadline: 'deadline', yellowFrom: 'yellow_from', closedAt: 'closed_at' }

export interface WorkflowDeps {
  tasks: TasksRepository
  /** The app's clock: timestamps of transitions, reports and decisions. */
  now: () => Date
}

/** The task lifecycle over the database: who may act, status changes with their history, events and audit. */
export function createWorkflowRepository(db: Db, deps: WorkflowDeps) {
  const client = db.$client
  const roleOnTask = client.prepare<[number, number], { role: 'lead' | 'responsible' | 'cooperating' }>(
    'SELECT role FROM task_units WHERE task_id = ? AND unit_id = ?',
  )
  const lastSuspension = client.prepare<[number], { fromStatus: TaskStatus }>(
    "SELECT from_status AS fromStatus FROM task_transitions WHERE task_id = ? AND action = 'suspend' ORDER BY id DESC LIMIT 1",
  )

  /** What `viewer` is on task `taskId`; call after the task was found visible to them. */
  function actorKindOf(taskId: number, viewer: Viewer): ActorKind {
    if (viewer.role === 'admin' || viewer.role === 'office') return 'office'
    if (viewer.role !== 'unit' || viewer.unitId === null) return 'observer'
    return roleOnTask.get(taskId, viewer.unitId)?.role ?? 'observer'
  }

  /**
   * Checks that `viewer` may take `action` on the task now and returns the status it leads to:
   * 404 when the task is not theirs to see, 403 outside their role, 412 on a stale ETag, 409 in the wrong status.
   * `validate` runs between the role and state checks (request errors, 422).
   */
  function authorize(taskId: number, action: TaskAction, viewer: Viewer, opts: { ifMatch?: string; validate?: (row: TaskRow) => void }) {
    const row = deps.tasks.requireVisibleRow(taskId, viewer)
    const kind = actorKindOf(taskId, viewer)
    const suspendedFrom = row.status === 'suspended' ? lastSuspension.get(taskId)?.fromStatus ?? null : null
    const outcome = apply({ status: row.status, suspendedFrom }, action, kind)
    if (!outcome.ok && outcome.reason === 'forbidden') {
      throw forbidden(kind === 'office' || kind === 'observer' ? `Your role may not ${action} a task.` : `Only the lead unit may ${action} this task; your unit is ${kind}.`)
    }
    opts.validate?.(row)
    deps.tasks.checkIfMatch(row, opts.ifMatch)
    if (!outcome.ok) {
      throw conflict(`Task ${taskId} is ${row.status}: ${action} is not possible now.`, { currentState: row.status, allowedActions: outcome.reason === 'not-now' ? outcome.allowed : [] })
    }
    return { row, kind, to: outcome.to, changed: outcome.changed }
  }

  // Prepared once per set of changed columns: report submissions take this path at a thousand a second.
  const updates = new Map<string, Statement<[Record<string, unknown>]>>()
  const updateOf = (columns: string[]) => {
    const key = columns.join()
    let statement = updates.get(key)
    if (!statement) {
      const set = columns.map((c) => `${TASK_COLUMN[c as keyof TaskChange]} = @${c}`).join(', ')
      statement = client.prepare(`UPDATE tasks SET ${set}, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = @id AND version = @version`)
      updates.set(key, statement)
    }
    return statement
  }
  const insertTransition = client.prepare<[number, string, TaskStatus, TaskStatus, number, string | null, string]>(
    'INSERT INTO task_transitions (task_id, action, from_status, to_status, actor_id, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const insertEvent = client.prepare<[string, number, string]>('INSERT INTO outbox_events (type, task_id, payload) VALUES (?, ?, ?)')
  const recordAudit = createAuditRecorder(db)

  // These write through the connection's prepared statements: call them inside the caller's transaction.

  /** Changes the task (bumping its version, so its ETag) unless it changed since `row` was read. */
  function updateTask(row: TaskRow, set: TaskChange): void {
    const changed = updateOf(Object.keys(set)).run({ ...set, id: row.id, version: row.version })
    if (changed.changes !== 1) throw preconditionFailed(`Task ${row.id} changed while this request was handled; fetch it again and retry.`)
  }

  /** Moves the task to `to` (with `also` changed alongside) and writes the history row; `closedAt` follows the closed status. */
  /** Returns the history row's id (a completion request is that row). */
  function changeStatus(row: TaskRow, change: { action: TaskAction; to: TaskStatus; actorId: number; comment: string | null; at: string }, also: TaskChange = {}): number {
    updateTask(row, { ...also, status: change.to, closedAt: change.to === 'closed' ? change.at : null })
    return Number(insertTransition.run(row.id, change.action, row.status, change.to, change.actorId, change.comment, change.at).lastInsertRowid)
  }

  /** Writes a domain event to the outbox; every workflow write ends with one, so the task's light is recomputed here. */
  function recordEvent<T extends EventType>(type: T, taskId: number, payload: EventPayloads[T]): void {
    insertEvent.run(type, taskId, JSON.stringify(payload))
    deps.tasks.refreshLights([taskId])
  }

  return {
    authorize,

    /** The lifecycle actions `viewer` may take on the task now (404 when it is not theirs to see); the console's buttons. */
    allowedActions(taskId: number, viewer: Viewer): TaskAction[] {
      const row = deps.tasks.requireVisibleRow(taskId, viewer)
      return allowedActions(row.status, actorKindOf(taskId, viewer))
    },
    updateTask,
    changeStatus,
    recordEvent,
    recordAudit,

    /** A status-only lifecycle step (交办, 签收, 办结申请, 销号/退回, suspend, resume, cancel) in one transaction. */
    /** `alongside` runs in the same transaction with the history row's id (e.g. to attach a completion request's evidence). */
    transition(taskId: number, action: StatusAction, viewer: Viewer, opts: WriteOptions<TaskDetail> & {
      comment?: string | null; validate?: (row: TaskRow) => void; alongside?: (transitionId: number) => void
    }): TaskDetail {
      return inWriteTransaction(db, () => {
        const { row, to } = authorize(taskId, action, viewer, opts)
        const at = deps.now().toISOString()
        const comment = opts.comment ?? null
        const transitionId = changeStatus(row, { action, to, actorId: viewer.id, comment, at })
        opts.alongside?.(transitionId)
        recordAudit({
          actorId: viewer.id, action: `task.${action}`, entityType: 'task', entityId: taskId,
          before: { status: row.status, version: row.version }, after: { status: to, version: row.version + 1, comment },
        })
        recordEvent(STATUS_EVENTS[action], taskId, { actorId: viewer.id, from: row.status, to, comment })
        const view = deps.tasks.get(taskId, viewer)
        opts.remember?.(view)
        return view
      })
    },
  }
}
export type WorkflowRepository = ReturnType<typeof createWorkflowRepository>
