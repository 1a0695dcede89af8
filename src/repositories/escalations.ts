import type { Statement } from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { escalations, type EscalationLevel, type EscalationReason, type EscalationStatus } from '../db/schema/index.js'
import { conflict, notFound } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import { recordAudit } from './audit.js'
import type { Db } from './db-types.js'
import type { TasksRepository } from './tasks.js'

export type Escalation = Omit<typeof escalations.$inferSelect, 'deadlineKey'>

export interface NewEscalation {
  taskId: number
  level: EscalationLevel
  deadline: string | null
  openedOn: string
  reason: EscalationReason
}

export interface EscalationFilter {
  taskId?: number
  level?: EscalationLevel
  status?: EscalationStatus
  afterId?: number
  limit: number
}

const COLUMNS = `e.id, e.task_id AS taskId, e.level, e.deadline, e.opened_on AS openedOn, e.reason, e.status,
  e.acknowledged_by AS acknowledgedBy, e.acknowledged_at AS acknowledgedAt, e.resolved_by AS resolvedBy,
  e.resolved_at AS resolvedAt, e.note, e.created_at AS createdAt`

/** What each action needs the escalation to be in, for 409 answers. */
const ACTIONS = { acknowledge: ['open'], resolve: ['open', 'acknowledged'] } as const satisfies Record<string, readonly EscalationStatus[]>
type Action = keyof typeof ACTIONS
const allowedIn = (status: EscalationStatus) => (Object.keys(ACTIONS) as Action[]).filter((a) => (ACTIONS[a] as readonly string[]).includes(status))

export function createEscalationsRepository(db: Db, deps: { tasks: TasksRepository; clock: () => Date }) {
  const client = db.$client
  const insert = client.prepare(`INSERT INTO escalations (task_id, level, deadline, opened_on, reason)
    VALUES (@taskId, @level, @deadline, @openedOn, @reason) ON CONFLICT DO NOTHING RETURNING id`)
  // The scan may open thousands at once: its audit rows go through one prepared statement, not the query builder.
  const auditOpen = client.prepare<[number, string]>(`INSERT INTO audit_entries (actor_id, action, entity_type, entity_id, before, after)
    VALUES (NULL, 'escalation.open', 'escalation', ?, NULL, ?)`)
  const byId = client.prepare<[number], Escalation>(`SELECT ${COLUMNS} FROM escalations e WHERE e.id = ?`)
  const statements = new Map<string, Statement>()
  const prepared = (text: string) => {
    let s = statements.get(text)
    if (!s) statements.set(text, (s = client.prepare(text)))
    return s
  }

  function requireVisible(id: number, viewer: Viewer): Escalation {
    const row = byId.get(id)
    if (!row || !deps.tasks.isVisible(row.taskId, viewer)) throw notFound(`Escalation ${id}`)
    return row
  }

  function move(id: number, action: Action, actorId: number, note: string | undefined): Escalation {
    const at = deps.clock().toISOString()
    return db.transaction((tx) => {
      const before = byId.get(id)
      if (!before) throw notFound(`Escalation ${id}`)
      if (!(ACTIONS[action] as readonly string[]).includes(before.status)) {
        throw conflict(`Escalation ${id} is ${before.status}; it cannot be ${action}d now.`, { currentState: before.status, allowedActions: allowedIn(before.status) })
      }
      const note_ = note ?? before.note
      tx.update(escalations).set(action === 'acknowledge'
        ? { status: 'acknowledged', acknowledgedBy: actorId, acknowledgedAt: at, note: note_ }
        : { status: 'resolved', resolvedBy: actorId, resolvedAt: at, note: note_ }).where(eq(escalations.id, id)).run()
      const after = byId.get(id)!
      recordAudit(tx, { actorId, action: `escalation.${action}`, entityType: 'escalation', entityId: id, before, after })
      return after
    })
  }

  return {
    /**
     * Opens the escalations not yet open for their task, deadline and level, each with its audit entry;
     * call it inside the scan's transaction. Returns the new ones.
     */
    open(rows: NewEscalation[]): (NewEscalation & { id: number })[] {
      const opened: (NewEscalation & { id: number })[] = []
      for (const r of rows) {
        const inserted = insert.get(r) as { id: number } | undefined
        if (!inserted) continue
        opened.push({ ...r, id: inserted.id })
        auditOpen.run(inserted.id, JSON.stringify(r))
      }
      return opened
    },
    get: requireVisible,
    list(filter: EscalationFilter, viewer: Viewer): { items: Escalation[]; nextCursor: number | null } {
      const where: string[] = []
      const params: Record<string, unknown> = { limit: filter.limit + 1 }
      if (viewer.role === 'unit') {
        params.viewerUnit = viewer.unitId
        where.push('EXISTS (SELECT 1 FROM task_units v WHERE v.task_id = e.task_id AND v.unit_id = @viewerUnit)')
      }
      if (filter.taskId !== undefined) { where.push('e.task_id = @taskId'); params.taskId = filter.taskId }
      if (filter.level !== undefined) { where.push('e.level = @level'); params.level = filter.level }
      if (filter.status) { where.push('e.status = @status'); params.status = filter.status }
      if (filter.afterId !== undefined) { where.push('e.id < @afterId'); params.afterId = filter.afterId }
      const rows = prepared(`SELECT ${COLUMNS} FROM escalations e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.id DESC LIMIT @limit`).all(params) as Escalation[]
      const more = rows.length > filter.limit
      const items = more ? rows.slice(0, filter.limit) : rows
      return { items, nextCursor: more ? items[items.length - 1]!.id : null }
    },
    acknowledge: (id: number, actorId: number, note?: string) => move(id, 'acknowledge', actorId, note),
    resolve: (id: number, actorId: number, note?: string) => move(id, 'resolve', actorId, note),
    /** A task's escalations, oldest first (the task timeline). */
    forTask(taskId: number): Escalation[] {
      return prepared(`SELECT ${COLUMNS} FROM escalations e WHERE e.task_id = ? ORDER BY e.id`).all(taskId) as Escalation[]
    },
  }
}
export type EscalationsRepository = ReturnType<typeof createEscalationsRepository>
