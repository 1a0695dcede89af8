import type { Viewer } from '../plugins/auth.js'
import type { Db } from './db-types.js'
import type { Attachment, FilesRepository } from './files.js'
import type { IdName, TasksRepository } from './tasks.js'

/** 办结申请 as the unit filed it, with its evidence and the office's decision (销号 or 退回 with the reason) once made. */
export interface CompletionRequestView {
  /** The id of the request's step in the task's history. */
  id: number
  taskId: number
  summary: string
  requestedBy: IdName
  requestedAt: string
  attachments: Attachment[]
  outcome: { decision: 'accept' | 'return'; comment: string | null; decidedBy: IdName; decidedAt: string } | null
}

interface Row { id: number; action: string; comment: string | null; actorId: number; actorName: string; at: string }

/** Completion requests are steps of the task's history: a request-completion step and the accept or return that answers it. */
export function createCompletionRequestsRepository(db: Db, deps: { tasks: TasksRepository; files: FilesRepository }) {
  const steps = db.$client.prepare<[number], Row>(
    `SELECT t.id, t.action, t.comment, t.actor_id AS actorId, COALESCE(u.name, '') AS actorName, t.at
     FROM task_transitions t LEFT JOIN users u ON u.id = t.actor_id
     WHERE t.task_id = ? AND t.action IN ('request-completion', 'accept', 'return') ORDER BY t.id`,
  )
  return {
    /** A task's completion requests, oldest first. */
    list(taskId: number, viewer: Viewer): CompletionRequestView[] {
      deps.tasks.requireVisibleRow(taskId, viewer)
      const out: CompletionRequestView[] = []
      for (const s of steps.all(taskId)) {
        if (s.action === 'request-completion') {
          out.push({ id: s.id, taskId, summary: s.comment ?? '', requestedBy: { id: s.actorId, name: s.actorName }, requestedAt: s.at, attachments: [], outcome: null })
        } else {
          const open = out[out.length - 1]
          if (open && !open.outcome) open.outcome = { decision: s.action as 'accept' | 'return', comment: s.comment, decidedBy: { id: s.actorId, name: s.actorName }, decidedAt: s.at }
        }
      }
      const files = deps.files.attachmentsOf('completion_request', out.map((r) => r.id))
      for (const r of out) r.attachments = files.get(r.id)!
      return out
    },
  }
}
export type CompletionRequestsRepository = ReturnType<typeof createCompletionRequestsRepository>
