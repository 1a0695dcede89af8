import type { ExtensionDecision, ExtensionStatus } from '../db/schema/index.js'
import type { WorkingCalendar } from '../domain/calendar.js'
import { isIsoDate } from '../domain/dates.js'
import { allowedActions } from '../domain/lifecycle.js'
import { DEFAULT_YELLOW_DAYS, yellowFrom } from '../domain/lights.js'
import { conflict, notFound, unprocessable } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { Db } from './db-types.js'
import type { Attachment, FilesRepository } from './files.js'
import type { PlansRepository } from './plans.js'
import type { IdName, TaskRow, TasksRepository } from './tasks.js'
import { inWriteTransaction, type WorkflowRepository, type WriteOptions } from './workflow.js'

export interface ExtensionView {
  id: number
  taskId: number
  unit: IdName
  requestedBy: IdName
  /** The deadline the request would replace (on approval: the one it replaced). */
  oldDeadline: string | null
  newDeadline: string
  reason: string
  status: ExtensionStatus
  decidedBy: IdName | null
  decidedAt: string | null
  decisionComment: string | null
  createdAt: string
  attachments: Attachment[]
}

interface ExtensionRow {
  id: number; taskId: number; unitId: number; unitName: string; requestedById: number; requestedByName: string
  oldDeadline: string | null; newDeadline: string; reason: string; status: ExtensionStatus
  decidedById: number | null; decidedByName: string | null; decidedAt: string | null; decisionComment: string | null; createdAt: string
}

const EXTENSION_SELECT = `SELECT e.id, e.task_id AS taskId, e.unit_id AS unitId, u.name AS unitName, e.requested_by AS requestedById,
    rq.name AS requestedByName, e.old_deadline AS oldDeadline, e.new_deadline AS newDeadline, e.reason, e.status,
    e.decided_by AS decidedById, dc.name AS decidedByName, e.decided_at AS decidedAt, e.decision_comment AS decisionComment, e.created_at AS createdAt
  FROM extension_requests e JOIN units u ON u.id = e.unit_id JOIN users rq ON rq.id = e.requested_by LEFT JOIN users dc ON dc.id = e.decided_by`

const rowView = (r: ExtensionRow): Omit<ExtensionView, 'attachments'> => ({
  id: r.id, taskId: r.taskId, unit: { id: r.unitId, name: r.unitName }, requestedBy: { id: r.requestedById, name: r.requestedByName },
  oldDeadline: r.oldDeadline, newDeadline: r.newDeadline, reason: r.reason, status: r.status,
  decidedBy: r.decidedById === null ? null : { id: r.decidedById, name: r.decidedByName! }, decidedAt: r.decidedAt,
  decisionComment: r.decisionComment, createdAt: r.createdAt,
})

export interface ExtensionsDeps {
  tasks: TasksRepository
  plans: PlansRepository
  workflow: WorkflowRepository
  files: FilesRepository
  calendar: () => WorkingCalendar
  now: () => Date
  today: () => string
}

/** 延期申请: the lead unit asks for a later deadline; the office approves (the deadline moves) or rejects. */
export function createExtensionsRepository(db: Db, deps: ExtensionsDeps) {
  const client = db.$client
  const byId = client.prepare<[number], ExtensionRow>(`${EXTENSION_SELECT} WHERE e.id = ?`)
  const ofTask = client.prepare<[number], ExtensionRow>(`${EXTENSION_SELECT} WHERE e.task_id = ? ORDER BY e.id`)
  const pendingOf = client.prepare<[number], { id: number }>("SELECT id FROM extension_requests WHERE task_id = ? AND status = 'pending'")
  const insert = client.prepare<[number, number, number, string | null, string, string, string]>(
    'INSERT INTO extension_requests (task_id, unit_id, requested_by, old_deadline, new_deadline, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const decide = client.prepare<[ExtensionStatus, number, string, string | null, string | null, number]>(
    'UPDATE extension_requests SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ?, old_deadline = ? WHERE id = ?',
  )

  function toViews(rows: ExtensionRow[]): ExtensionView[] {
    const attachments = deps.files.attachmentsOf('extension_request', rows.map((r) => r.id))
    return rows.map((r) => ({ ...rowView(r), attachments: attachments.get(r.id)! }))
  }
  const toView = (r: ExtensionRow) => toViews([r])[0]!

  function checkNewDeadline(task: TaskRow, newDeadline: string) {
    const field = (detail: string) => unprocessable(`newDeadline ${detail}.`, [{ in: 'body', field: 'newDeadline', detail }])
    if (!isIsoDate(newDeadline)) throw field('is not a calendar date')
    if (task.deadline && newDeadline <= task.deadline) throw field(`must be after the current deadline ${task.deadline}`)
    if (newDeadline <= deps.today()) throw field('must be in the future')
  }

  return {
    request(taskId: number, input: { newDeadline: string; reason: string; attachmentIds?: number[] }, viewer: Viewer, opts: WriteOptions<ExtensionView> = {}): ExtensionView {
      return inWriteTransaction(db, () => {
        const { row, kind } = deps.workflow.authorize(taskId, 'request-extension', viewer, { ifMatch: opts.ifMatch, validate: (task) => checkNewDeadline(task, input.newDeadline) })
        const pending = pendingOf.get(taskId)
        if (pending) {
          throw conflict(`Extension request ${pending.id} for task ${taskId} is still pending; wait for the office's decision.`, {
            currentState: row.status, allowedActions: allowedActions(row.status, kind).filter((a) => a !== 'request-extension'),
          })
        }
        const at = deps.now().toISOString()
        const id = Number(insert.run(taskId, viewer.unitId!, viewer.id, row.deadline, input.newDeadline, input.reason, at).lastInsertRowid)
        deps.files.attachFiles(db, { fileIds: input.attachmentIds ?? [], ownerType: 'extension_request', ownerId: id, taskId, viewer })
        deps.workflow.recordAudit({ actorId: viewer.id, action: 'extension.request', entityType: 'extension_request', entityId: id, after: { taskId, oldDeadline: row.deadline, ...input } })
        deps.workflow.recordEvent('extension.requested', taskId, {
          actorId: viewer.id, extensionRequestId: id, unitId: viewer.unitId!, oldDeadline: row.deadline, newDeadline: input.newDeadline, reason: input.reason,
        })
        const view = toView(byId.get(id)!)
        opts.remember?.(view)
        return view
      })
    },

    /** Approving moves the task's deadline (the request keeps the one it replaced) and restarts its yellow window. */
    decide(id: number, input: { decision: ExtensionDecision; comment?: string | null }, viewer: Viewer, opts: WriteOptions<ExtensionView> = {}): ExtensionView {
      return inWriteTransaction(db, () => {
        const request = byId.get(id)
        if (!request) throw notFound(`Extension request ${id}`)
        const { row } = deps.workflow.authorize(request.taskId, 'decide-extension', viewer, { ifMatch: opts.ifMatch })
        if (request.status !== 'pending') {
          throw conflict(`Extension request ${id} was already ${request.status}.`, { currentState: request.status, allowedActions: [] })
        }
        const at = deps.now().toISOString()
        const comment = input.comment?.trim() || null
        const approved = input.decision === 'approve'
        if (approved) {
          const yellowDays = deps.plans.get(row.planId)?.yellowDays ?? DEFAULT_YELLOW_DAYS
          deps.workflow.updateTask(row, { deadline: request.newDeadline, yellowFrom: yellowFrom(request.newDeadline, yellowDays, deps.calendar()) })
        }
        const oldDeadline = approved ? row.deadline : request.oldDeadline
        decide.run(approved ? 'approved' : 'rejected', viewer.id, at, comment, oldDeadline, id)
        deps.workflow.recordAudit({
          actorId: viewer.id, action: 'extension.decide', entityType: 'extension_request', entityId: id,
          before: { status: request.status, taskDeadline: row.deadline },
          after: { status: approved ? 'approved' : 'rejected', comment, taskDeadline: approved ? request.newDeadline : row.deadline },
        })
        deps.workflow.recordEvent('extension.decided', request.taskId, {
          actorId: viewer.id, extensionRequestId: id, unitId: request.unitId, decision: input.decision, oldDeadline, newDeadline: request.newDeadline, comment,
        })
        const view = toView(byId.get(id)!)
        opts.remember?.(view)
        return view
      })
    },

    list(taskId: number, viewer: Viewer): ExtensionView[] {
      deps.tasks.requireVisibleRow(taskId, viewer)
      return toViews(ofTask.all(taskId))
    },
  }
}
export type ExtensionsRepository = ReturnType<typeof createExtensionsRepository>
