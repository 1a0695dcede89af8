import type { Database, Statement } from 'better-sqlite3'
import type { NoticeAction, NoticeColour, NoticeStatus } from '../db/schema/index.js'
import type { WorkingCalendar } from '../domain/calendar.js'
import { isIsoDate } from '../domain/dates.js'
import { workingDaysOverdue } from '../domain/escalation-ladder.js'
import {
  allowedNoticeMoves, escalationNoticeText, NOTICE_MOVES, NOTICE_REPLY_WORKING_DAYS, noticeColour, noticeNumber, noticeOverdue, type NoticeMove,
} from '../domain/supervision.js'
import { badRequest, conflict, notFound, unprocessable } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { TimelineEntry } from '../timeline.js'
import { createAuditRecorder } from './audit.js'
import type { Db } from './db-types.js'
import type { Attachment, FilesRepository } from './files.js'
import type { TasksRepository } from './tasks.js'

export interface Notice {
  id: number
  year: number
  seq: number
  number: string
  taskId: number
  taskNumber: string
  taskTitle: string
  planId: number
  unitId: number
  unitName: string
  colour: NoticeColour
  problem: string
  requirement: string
  issuedOn: string
  replyBy: string
  status: NoticeStatus
  /** Open past its reply-by date. */
  overdue: boolean
  escalationId: number | null
  issuedBy: number | null
  issuedByName: string | null
  /** The day its lapse was escalated to the leaders (L3); null if never. */
  escalatedOn: string | null
  /** The latest reply (反馈), if any. */
  lastReply: string | null
  lastReplyAt: string | null
  /** The latest reply's evidence files (佐证材料). */
  lastReplyAttachments: Attachment[]
  createdAt: string
  updatedAt: string
}

export interface NoticeHistoryEntry {
  id: number; action: NoticeAction; actorId: number | null; actorName: string | null; text: string | null; replyBy: string | null; at: string
  /** A reply's evidence files; empty for the other actions. */
  attachments: Attachment[]
}
export type NoticeDetail = Notice & { history: NoticeHistoryEntry[] }

export interface NoticeFilter {
  status?: NoticeStatus
  colour?: NoticeColour
  unitId?: number
  taskId?: number
  overdue?: boolean
  afterId?: number
  limit: number
}

/** Statuses a task may get a notice in: dispatched and not finished. */
const NOTICEABLE = ['dispatched', 'acknowledged', 'in_progress', 'completion_requested', 'suspended']

const COLUMNS = `n.id, n.year, n.seq, n.number, n.task_id AS taskId, t.number AS taskNumber, t.title AS taskTitle, t.plan_id AS planId,
  n.unit_id AS unitId, un.name AS unitName, n.colour, n.problem, n.requirement, n.issued_on AS issuedOn, n.reply_by AS replyBy, n.status,
  n.escalation_id AS escalationId, n.issued_by AS issuedBy, iu.name AS issuedByName, n.escalated_on AS escalatedOn,
  (SELECT a.text FROM notice_actions a WHERE a.notice_id = n.id AND a.action = 'reply' ORDER BY a.id DESC LIMIT 1) AS lastReply,
  (SELECT a.at FROM notice_actions a WHERE a.notice_id = n.id AND a.action = 'reply' ORDER BY a.id DESC LIMIT 1) AS lastReplyAt,
  (SELECT a.id FROM notice_actions a WHERE a.notice_id = n.id AND a.action = 'reply' ORDER BY a.id DESC LIMIT 1) AS lastReplyId,
  n.created_at AS createdAt, n.updated_at AS updatedAt`
type NoticeRow = Omit<Notice, 'overdue' | 'lastReplyAttachments'> & { lastReplyId: number | null }
const FROM = 'FROM notices n JOIN tasks t ON t.id = n.task_id JOIN units un ON un.id = n.unit_id LEFT JOIN users iu ON iu.id = n.issued_by'

export interface NewNotice {
  taskId: number
  unitId: number
  colour: NoticeColour
  problem: string
  requirement: string
  issuedOn: string
  replyBy: string
  escalationId: number | null
  issuedBy: number | null
  at: string
}

const writers = new WeakMap<Database, ReturnType<typeof prepareWriter>>()

function prepareWriter(client: Database) {
  return {
    nextSeq: client.prepare<[number], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM notices WHERE year = ?'),
    insert: client.prepare(`INSERT INTO notices (year, seq, number, task_id, unit_id, colour, problem, requirement, issued_on, reply_by, escalation_id, issued_by, created_at, updated_at)
      VALUES (@year, @seq, @number, @taskId, @unitId, @colour, @problem, @requirement, @issuedOn, @replyBy, @escalationId, @issuedBy, @at, @at) RETURNING id`),
    action: client.prepare('INSERT INTO notice_actions (notice_id, action, actor_id, text, reply_by, at) VALUES (?, ?, ?, ?, ?, ?)'),
    event: client.prepare('INSERT INTO outbox_events (type, task_id, payload) VALUES (?, ?, ?)'),
    audit: createAuditRecorder({ $client: client } as Db),
    firstLead: client.prepare<[number], { unitId: number }>("SELECT unit_id AS unitId FROM task_units WHERE task_id = ? AND role = 'lead' ORDER BY position LIMIT 1"),
  }
}
const writerOf = (client: Database) => {
  let w = writers.get(client)
  if (!w) writers.set(client, (w = prepareWriter(client)))
  return w
}

/**
 * Numbers and writes one notice with its history entry, audit entry and the outbox event that mails it.
 * Call inside an IMMEDIATE transaction: the number is the year's highest plus one, read and written under
 * the write lock, so concurrent issuers get consecutive numbers with no gaps and no duplicates.
 */
export function writeNotice(client: Database, n: NewNotice): { id: number; number: string } {
  const w = writerOf(client)
  const year = Number(n.issuedOn.slice(0, 4))
  const seq = w.nextSeq.get(year)!.seq
  const number = noticeNumber(year, seq)
  const { id } = w.insert.get({ ...n, year, seq, number }) as { id: number }
  w.action.run(id, 'issue', n.issuedBy, null, n.replyBy, n.at)
  w.audit({ actorId: n.issuedBy, action: 'notice.issue', entityType: 'notice', entityId: id, after: { ...n, number } })
  w.event.run('notice.issued', n.taskId, JSON.stringify({ actorId: n.issuedBy, noticeId: id, number }))
  return { id, number }
}

/**
 * The notices the ladder's new L2 escalations open (督办单 to each task's lead unit), in the scan's transaction.
 * Red when the task is overdue, yellow when its reports are missing; reply-by in NOTICE_REPLY_WORKING_DAYS.
 */
export function openEscalationNotices(db: Db, calendar: WorkingCalendar, opened: readonly { id: number; taskId: number; level: number; deadline: string | null; reason: 'overdue' | 'reports_missing' }[], asOf: string): number {
  const w = writerOf(db.$client)
  const at = new Date(`${asOf}T00:00:00+08:00`).toISOString()
  let n = 0
  for (const e of opened) {
    if (e.level !== 2) continue
    const lead = w.firstLead.get(e.taskId)
    if (!lead) continue
    const text = escalationNoticeText(e.reason, e.deadline ? workingDaysOverdue(e.deadline, asOf, calendar) : 0)
    writeNotice(db.$client, {
      taskId: e.taskId, unitId: lead.unitId, colour: e.reason === 'overdue' ? 'red' : 'yellow', ...text,
      issuedOn: asOf, replyBy: calendar.addWorkingDays(asOf, NOTICE_REPLY_WORKING_DAYS), escalationId: e.id, issuedBy: null, at,
    })
    n++
  }
  return n
}

const ACTION_SUMMARIES: Record<NoticeAction, string> = {
  issue: '督办单 issued', reply: '督办单 replied (反馈)', accept: '督办单 reply accepted', reopen: '督办单 asked again', escalate: '督办单 unanswered past its reply-by date: escalated to the leaders (L3)',
}

export interface NoticesDeps {
  tasks: TasksRepository
  files: Pick<FilesRepository, 'attachFiles' | 'attachmentsOf'>
  calendar: () => WorkingCalendar
  clock: () => Date
  today: () => string
}

export function createNoticesRepository(db: Db, deps: NoticesDeps) {
  const client = db.$client
  const w = writerOf(client)
  const byId = client.prepare<[number], NoticeRow>(`SELECT ${COLUMNS} ${FROM} WHERE n.id = ?`)
  const history = client.prepare<[number], Omit<NoticeHistoryEntry, 'attachments'>>(`SELECT a.id, a.action, a.actor_id AS actorId, u.name AS actorName, a.text, a.reply_by AS replyBy, a.at
    FROM notice_actions a LEFT JOIN users u ON u.id = a.actor_id WHERE a.notice_id = ? ORDER BY a.id`)
  const forTaskStmt = client.prepare<[number], Omit<NoticeHistoryEntry, 'attachments'> & { noticeId: number; number: string; unitId: number }>(`SELECT a.id, a.notice_id AS noticeId,
    n.number, n.unit_id AS unitId, a.action, a.actor_id AS actorId,
    u.name AS actorName, a.text, a.reply_by AS replyBy, a.at
    FROM notice_actions a JOIN notices n ON n.id = a.notice_id LEFT JOIN users u ON u.id = a.actor_id WHERE n.task_id = ? ORDER BY a.id`)
  const setStatus = client.prepare<[string, string | null, string, number]>('UPDATE notices SET status = ?, reply_by = coalesce(?, reply_by), updated_at = ? WHERE id = ?')
  const statements = new Map<string, Statement>()
  const prepared = (text: string) => {
    let s = statements.get(text)
    if (!s) statements.set(text, (s = client.prepare(text)))
    return s
  }

  const replyFiles = (actionIds: readonly number[]) => deps.files.attachmentsOf('notice_reply', actionIds)
  function views(rows: readonly NoticeRow[]): Notice[] {
    const today = deps.today()
    const files = replyFiles(rows.flatMap((r) => (r.lastReplyId === null ? [] : [r.lastReplyId])))
    return rows.map(({ lastReplyId, ...row }) => ({
      ...row, overdue: noticeOverdue(row, today), lastReplyAttachments: lastReplyId === null ? [] : files.get(lastReplyId)!,
    }))
  }

  /** The notice as `viewer` may see it: a unit user sees only notices to its own unit. */
  function requireVisible(id: number, viewer: Viewer): Notice {
    const row = byId.get(id)
    if (!row || (viewer.role === 'unit' && row.unitId !== viewer.unitId)) throw notFound(`Notice ${id}`)
    return views([row])[0]!
  }

  function checkReplyBy(replyBy: string, today: string) {
    const field = (detail: string) => badRequest(`replyBy ${detail}.`, [{ in: 'body', field: 'replyBy', detail }])
    if (!isIsoDate(replyBy)) throw field('is not a calendar date')
    if (replyBy < today) throw field('must not be before today')
  }

  /** One step on a notice, in one transaction with the files it carries (a reply's evidence): refused, nothing is written. */
  function move(id: number, move: NoticeMove, viewer: Viewer, text: string | null, replyBy: string | null, event: string | null, attachmentIds: readonly number[] = []): NoticeDetail {
    const before = requireVisible(id, viewer)
    const at = deps.clock().toISOString()
    db.transaction(() => {
      const current = byId.get(id)!
      if (!(NOTICE_MOVES[move].from as readonly string[]).includes(current.status)) {
        throw conflict(`Notice ${current.number} is ${current.status}; it cannot be ${move === 'reply' ? 'replied to' : `${move}ed`} now.`,
          { currentState: current.status, allowedActions: allowedNoticeMoves(current.status) })
      }
      setStatus.run(NOTICE_MOVES[move].to, replyBy, at, id)
      const actionId = Number(w.action.run(id, move, viewer.id, text, replyBy, at).lastInsertRowid)
      deps.files.attachFiles(db, { fileIds: attachmentIds, ownerType: 'notice_reply', ownerId: actionId, taskId: before.taskId, viewer })
      const files = attachmentIds.length ? { attachmentIds } : {}
      w.audit({ actorId: viewer.id, action: `notice.${move}`, entityType: 'notice', entityId: id, before, after: { status: NOTICE_MOVES[move].to, text, replyBy, ...files } })
      if (event) w.event.run(event, before.taskId, JSON.stringify({ actorId: viewer.id, noticeId: id, number: before.number, text }))
    }, { behavior: 'immediate' })
    return get(id, viewer)
  }

  function get(id: number, viewer: Viewer): NoticeDetail {
    const notice = requireVisible(id, viewer)
    const entries = history.all(id)
    const files = replyFiles(entries.filter((h) => h.action === 'reply').map((h) => h.id))
    return { ...notice, history: entries.map((h) => ({ ...h, attachments: files.get(h.id) ?? [] })) }
  }

  return {
    get,
    /** 督办单 by hand: to the task's first lead unit, coloured by the task's light today. */
    issue(input: { taskId: number; problem: string; requirement: string; replyBy?: string }, viewer: Viewer): NoticeDetail {
      const today = deps.today()
      const replyBy = input.replyBy ?? deps.calendar().addWorkingDays(today, NOTICE_REPLY_WORKING_DAYS)
      if (input.replyBy !== undefined) checkReplyBy(input.replyBy, today)
      const task = deps.tasks.get(input.taskId, viewer)
      if (!NOTICEABLE.includes(task.status)) {
        throw conflict(`Task ${task.id} is ${task.status}; a notice goes only to a dispatched task that is not finished.`, { currentState: task.status })
      }
      const lead = task.units.lead[0]
      if (!lead) throw unprocessable('The task has no lead unit to address.', [{ in: 'body', field: 'taskId', detail: 'the task has no lead unit' }])
      const { id } = db.transaction(() => writeNotice(client, {
        taskId: task.id, unitId: lead.id, colour: noticeColour(task.light), problem: input.problem, requirement: input.requirement,
        issuedOn: today, replyBy, escalationId: null, issuedBy: viewer.id, at: deps.clock().toISOString(),
      }), { behavior: 'immediate' })
      return get(id, viewer)
    },
    list(filter: NoticeFilter, viewer: Viewer): { items: Notice[]; nextCursor: number | null } {
      const where: string[] = []
      const params: Record<string, unknown> = { limit: filter.limit + 1, today: deps.today() }
      if (viewer.role === 'unit') { where.push('n.unit_id = @viewerUnit'); params.viewerUnit = viewer.unitId }
      if (filter.status) { where.push('n.status = @status'); params.status = filter.status }
      if (filter.colour) { where.push('n.colour = @colour'); params.colour = filter.colour }
      if (filter.unitId !== undefined) { where.push('n.unit_id = @unitId'); params.unitId = filter.unitId }
      if (filter.taskId !== undefined) { where.push('n.task_id = @taskId'); params.taskId = filter.taskId }
      if (filter.overdue !== undefined) where.push(`${filter.overdue ? '' : 'NOT '}(n.status = 'open' AND n.reply_by < @today)`)
      if (filter.afterId !== undefined) { where.push('n.id < @afterId'); params.afterId = filter.afterId }
      const rows = prepared(`SELECT ${COLUMNS} ${FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.id DESC LIMIT @limit`)
        .all(params) as NoticeRow[]
      const more = rows.length > filter.limit
      const items = views(more ? rows.slice(0, filter.limit) : rows)
      return { items, nextCursor: more ? items[items.length - 1]!.id : null }
    },
    /** 反馈, with evidence: the unit's own uploads not attached yet, attached to this reply. */
    reply(id: number, input: { text: string; attachmentIds?: readonly number[] }, viewer: Viewer) {
      return move(id, 'reply', viewer, input.text, null, 'notice.replied', input.attachmentIds)
    },
    accept(id: number, viewer: Viewer, comment?: string) {
      return move(id, 'accept', viewer, comment ?? null, null, 'notice.accepted')
    },
    /** 要求重新反馈: back to the unit with a reason and a new reply-by date. */
    reopen(id: number, reason: string, viewer: Viewer, replyBy?: string) {
      const today = deps.today()
      if (replyBy !== undefined) checkReplyBy(replyBy, today)
      return move(id, 'reopen', viewer, reason, replyBy ?? deps.calendar().addWorkingDays(today, NOTICE_REPLY_WORKING_DAYS), 'notice.reopened')
    },
    /** Timeline entries of a task's notices that `viewer` may see (a unit user: those to its unit); replies list their files. */
    timeline(taskId: number, viewer: Viewer): TimelineEntry[] {
      const actions = forTaskStmt.all(taskId).filter((a) => viewer.role !== 'unit' || a.unitId === viewer.unitId)
      const files = replyFiles(actions.filter((a) => a.action === 'reply').map((a) => a.id))
      return actions.map((a) => ({
        at: a.at, kind: 'notice', actor: a.actorId === null ? null : { id: a.actorId, name: a.actorName ?? '' },
        summary: `${a.number}: ${ACTION_SUMMARIES[a.action]}`, comment: a.text,
        data: { noticeId: a.noticeId, number: a.number, action: a.action, replyBy: a.replyBy, ...(a.action === 'reply' ? { attachments: files.get(a.id) ?? [] } : {}) },
      }))
    },
  }
}
export type NoticesRepository = ReturnType<typeof createNoticesRepository>
