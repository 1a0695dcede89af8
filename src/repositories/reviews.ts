import type { Statement } from 'better-sqlite3'
import { REVIEW_KINDS, type ReviewKind } from '../domain/review-kinds.js'
import type { Db } from './db-types.js'
import type { IdName, TaskView, TasksRepository } from './tasks.js'

/** One request waiting for the office's decision (审核), as the unit filed it. */
export interface ReviewItem {
  kind: ReviewKind
  /** The task's id (for a 办结申请), the report's id or the extension request's id. */
  id: number
  task: TaskView
  /** The unit that asked (for a 办结申请, the task's lead unit). */
  unit: IdName | null
  /** Who filed it; null for a task imported as 申请办结. */
  by: IdName | null
  /** When it was filed (for a report, its latest revision). */
  at: string
  /** 办结情况, the report's progress, or the extension's reason. */
  text: string
  period: string | null
  percent: number | null
  oldDeadline: string | null
  newDeadline: string | null
}

interface Row { id: number; taskId: number; unitId: number | null; unitName: string | null; byId: number | null; byName: string | null; at: string; text: string | null; period?: string; percent?: number; oldDeadline?: string | null; newDeadline?: string }

// Each kind's pending requests, oldest first: the one that has waited longest comes first.
const PENDING: Record<ReviewKind, { rows: string; count: string }> = {
  completion: {
    // A task carries one open 办结申请; one imported as 申请办结 has no request step, and shows as of its last change.
    rows: `SELECT t.id, t.id AS taskId, lu.id AS unitId, lu.name AS unitName, u.id AS byId, u.name AS byName, COALESCE(tr.at, t.updated_at) AS at, tr.comment AS text
      FROM tasks t
      LEFT JOIN task_transitions tr ON tr.id = (SELECT max(x.id) FROM task_transitions x WHERE x.task_id = t.id AND x.action = 'request-completion')
      LEFT JOIN users u ON u.id = tr.actor_id
      LEFT JOIN units lu ON lu.id = (SELECT tu.unit_id FROM task_units tu WHERE tu.task_id = t.id AND tu.role = 'lead' ORDER BY tu.position LIMIT 1)
      WHERE t.status = 'completion_requested' ORDER BY at, t.id LIMIT ?`,
    count: "SELECT count(*) FROM tasks WHERE status = 'completion_requested'",
  },
  report: {
    rows: `SELECT r.id, r.task_id AS taskId, un.id AS unitId, un.name AS unitName, u.id AS byId, u.name AS byName, rv.submitted_at AS at, rv.progress AS text,
      r.period, rv.percent
      FROM reports r JOIN report_revisions rv ON rv.report_id = r.id AND rv.revision = r.revision
      JOIN users u ON u.id = rv.submitted_by JOIN units un ON un.id = r.unit_id
      WHERE r.status = 'submitted' ORDER BY rv.submitted_at, r.id LIMIT ?`,
    count: "SELECT count(*) FROM reports WHERE status = 'submitted'",
  },
  extension: {
    rows: `SELECT e.id, e.task_id AS taskId, un.id AS unitId, un.name AS unitName, u.id AS byId, u.name AS byName, e.created_at AS at, e.reason AS text,
      e.old_deadline AS oldDeadline, e.new_deadline AS newDeadline
      FROM extension_requests e JOIN users u ON u.id = e.requested_by JOIN units un ON un.id = e.unit_id
      WHERE e.status = 'pending' ORDER BY e.created_at, e.id LIMIT ?`,
    count: "SELECT count(*) FROM extension_requests WHERE status = 'pending'",
  },
}

/** 审核: what waits for the office — 办结申请 to accept or return, reports to review, 延期申请 to decide. */
export function createReviewsRepository(db: Db, deps: { tasks: TasksRepository }) {
  const client = db.$client
  const statements = new Map<ReviewKind, { rows: Statement<[number], Row>; count: Statement<[], number> }>(REVIEW_KINDS.map((kind) => [kind, {
    rows: client.prepare<[number], Row>(PENDING[kind].rows),
    count: client.prepare<[], number>(PENDING[kind].count).pluck(),
  }]))

  return {
    /** How many of each kind wait, and the `limit` that have waited longest (of one kind, or of all). */
    pending({ kind, limit }: { kind?: ReviewKind; limit: number }): { counts: Record<ReviewKind | 'total', number>; items: ReviewItem[] } {
      return client.transaction(() => {
        const counts = { completion: 0, report: 0, extension: 0, total: 0 }
        for (const k of REVIEW_KINDS) counts.total += (counts[k] = statements.get(k)!.count.get()!)
        const rows = (kind ? [kind] : REVIEW_KINDS).flatMap((k) => statements.get(k)!.rows.all(limit).map((row) => ({ kind: k, row })))
          .sort((a, b) => a.row.at.localeCompare(b.row.at) || REVIEW_KINDS.indexOf(a.kind) - REVIEW_KINDS.indexOf(b.kind) || a.row.id - b.row.id)
          .slice(0, limit)
        const tasks = new Map(deps.tasks.toViews([...new Set(rows.map((r) => r.row.taskId))].map((id) => deps.tasks.rowById(id)!)).map((v) => [v.id, v]))
        const items = rows.map(({ kind: k, row }): ReviewItem => ({
          kind: k, id: row.id, task: tasks.get(row.taskId)!, unit: row.unitId === null ? null : { id: row.unitId, name: row.unitName! }, by: row.byId === null ? null : { id: row.byId, name: row.byName! },
          at: row.at, text: row.text ?? '', period: row.period ?? null, percent: row.percent ?? null, oldDeadline: row.oldDeadline ?? null, newDeadline: row.newDeadline ?? null,
        }))
        return { counts, items }
      })()
    },
  }
}
export type ReviewsRepository = ReturnType<typeof createReviewsRepository>
