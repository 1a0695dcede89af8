import type { Db } from '../src/db/client.js'
import type { NoticeColour } from '../src/domain/supervision.js'
import * as templates from '../src/mail/supervision-templates.js'
import { recordAudit } from '../src/repositories/audit.js'
import type { NewNotification } from '../src/repositories/notifications.js'
import { distinct, taskRefsOf, type Directory } from './directory.js'
import { notificationRow } from './notification-row.js'

interface NoticeRow { id: number; number: string; taskId: number; unitId: number; colour: NoticeColour; problem: string; requirement: string; replyBy: string }
const NOTICE_SQL = `SELECT id, number, task_id AS taskId, unit_id AS unitId, colour, problem, requirement, reply_by AS replyBy FROM notices`

/** 督办单 events mailed to the unit addressed (issued, asked again); 批示 to the units addressed and the office. */
export function supervisionRows(db: Db, directory: Directory, event: { id: number; type: string }, payload: Record<string, unknown>): NewNotification[] {
  const key = (email: string) => `event:${event.id}:${email}`
  if (event.type === 'instruction.issued') {
    const i = db.$client.prepare(`SELECT i.target_type AS targetType, i.target_id AS targetId, i.text, i.reply_by AS replyBy, u.name AS leader,
      CASE i.target_type WHEN 'task' THEN (SELECT t.number || '. ' || t.title FROM tasks t WHERE t.id = i.target_id)
        WHEN 'plan' THEN (SELECT p.title FROM plans p WHERE p.id = i.target_id) ELSE (SELECT un.name FROM units un WHERE un.id = i.target_id) END AS targetName
      FROM instructions i JOIN users u ON u.id = i.issued_by WHERE i.id = ?`).get(payload.instructionId) as
      { targetType: string; targetId: number; text: string; replyBy: string; leader: string; targetName: string } | undefined
    if (!i) return []
    const unitIds = (db.$client.prepare('SELECT unit_id AS unitId FROM instruction_units WHERE instruction_id = ? ORDER BY rowid').all(payload.instructionId) as { unitId: number }[]).map((r) => r.unitId)
    const message = templates.instructionIssued({ ...i, unitNames: unitIds.map((id) => directory.unitName(id)) })
    const taskId = i.targetType === 'task' ? i.targetId : null
    return distinct([...directory.unitContacts(unitIds), ...directory.staff('office')])
      .map((to) => notificationRow(message, to, { kind: 'instruction_issued', taskId, dedupeKey: key(to.email) }))
  }
  const n = db.$client.prepare(`${NOTICE_SQL} WHERE id = ?`).get(payload.noticeId) as NoticeRow | undefined
  const task = n && taskRefsOf(db, [n.taskId]).get(n.taskId)
  if (!n || !task) return []
  const ref = { ...n, unitName: directory.unitName(n.unitId) }
  const message = event.type === 'notice.issued' ? templates.noticeIssued(task, ref) : templates.noticeReopened(task, ref, (payload.text as string | null) ?? null)
  return directory.unitContacts([n.unitId]).map((to) => notificationRow(message, to, {
    kind: event.type === 'notice.issued' ? 'notice_issued' : 'notice_reopened', taskId: n.taskId, dedupeKey: key(to.email),
  }))
}

/**
 * The daily scan's escalation of notices left unanswered past their reply-by date: each reply-by date once,
 * to the leaders (L3), with its history and audit entries. Call inside the scan's transaction.
 */
export function escalateOverdueNotices(db: Db, directory: Directory, asOf: string): NewNotification[] {
  const client = db.$client
  const due = client.prepare(`${NOTICE_SQL} WHERE status = 'open' AND reply_by < ? AND (escalated_for IS NULL OR escalated_for <> reply_by) ORDER BY id`).all(asOf) as NoticeRow[]
  if (due.length === 0) return []
  const mark = client.prepare<[string, number]>('UPDATE notices SET escalated_for = reply_by, escalated_on = ? WHERE id = ?')
  const action = client.prepare<[string, number]>("INSERT INTO notice_actions (notice_id, action, reply_by, at) SELECT id, 'escalate', reply_by, ? FROM notices WHERE id = ?")
  const at = new Date(`${asOf}T00:00:00+08:00`).toISOString()
  const refs = taskRefsOf(db, due.map((n) => n.taskId))
  const rows: NewNotification[] = []
  for (const n of due) {
    action.run(at, n.id)
    mark.run(asOf, n.id)
    recordAudit(db, { actorId: null, action: 'notice.escalate', entityType: 'notice', entityId: n.id, after: { level: 3, replyBy: n.replyBy, escalatedOn: asOf } })
    const task = refs.get(n.taskId)
    if (!task) continue
    const message = templates.noticeOverdue(task, { ...n, unitName: directory.unitName(n.unitId) })
    rows.push(...directory.staff('leader').map((to) => notificationRow(message, to, {
      kind: 'notice_overdue', taskId: n.taskId, dedupeKey: `notice-overdue:${n.id}:${n.replyBy}:${to.email}`,
    })))
  }
  return rows
}
