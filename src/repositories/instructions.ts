import type { Statement } from 'better-sqlite3'
import type { InstructionTarget } from '../db/schema/index.js'
import type { WorkingCalendar } from '../domain/calendar.js'
import { isIsoDate } from '../domain/dates.js'
import { INSTRUCTION_REPLY_WORKING_DAYS, instructionOverdue } from '../domain/supervision.js'
import { badRequest, notFound, unprocessable } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { TimelineEntry } from '../timeline.js'
import { createAuditRecorder } from './audit.js'
import type { Db } from './db-types.js'

export type InstructionStatus = 'open' | 'overdue' | 'answered'

export interface InstructionUnit { unitId: number; name: string; reportedAt: string | null }
export interface InstructionReport { id: number; unitId: number; unitName: string; text: string; reportedBy: number; reportedByName: string; at: string }

export interface Instruction {
  id: number
  targetType: InstructionTarget
  targetId: number
  /** The task (`1. 改造老旧小区`), plan title or unit name it is about. */
  targetName: string
  planId: number | null
  text: string
  issuedOn: string
  replyBy: string
  issuedBy: number
  issuedByName: string
  /** answered once every addressed unit reported; overdue when still open after the reply-by date. */
  status: InstructionStatus
  answeredAt: string | null
  createdAt: string
  units: InstructionUnit[]
}
export type InstructionDetail = Instruction & { reports: InstructionReport[] }

export interface InstructionFilter {
  status?: InstructionStatus
  targetType?: InstructionTarget
  planId?: number
  unitId?: number
  /** Addressed to this unit, which has not reported 落实情况 yet. */
  awaitingUnitId?: number
  afterId?: number
  limit: number
}

type Row = Omit<Instruction, 'status' | 'units'>

const COLUMNS = `i.id, i.target_type AS targetType, i.target_id AS targetId,
  CASE i.target_type WHEN 'task' THEN (SELECT t.number || '. ' || t.title FROM tasks t WHERE t.id = i.target_id)
    WHEN 'plan' THEN (SELECT p.title FROM plans p WHERE p.id = i.target_id) ELSE (SELECT u.name FROM units u WHERE u.id = i.target_id) END AS targetName,
  i.plan_id AS planId, i.text, i.issued_on AS issuedOn, i.reply_by AS replyBy, i.issued_by AS issuedBy, iu.name AS issuedByName,
  i.answered_at AS answeredAt, i.created_at AS createdAt`
const FROM = 'FROM instructions i JOIN users iu ON iu.id = i.issued_by'

export interface InstructionsDeps {
  calendar: () => WorkingCalendar
  clock: () => Date
  today: () => string
}

/** 批示: leaders' instructions, the units they go to, and the units' reports of how they acted (落实情况). */
export function createInstructionsRepository(db: Db, deps: InstructionsDeps) {
  const client = db.$client
  const audit = createAuditRecorder(db)
  const byId = client.prepare<[number], Row>(`SELECT ${COLUMNS} ${FROM} WHERE i.id = ?`)
  const unitsOf = client.prepare<[string], InstructionUnit & { instructionId: number }>(`SELECT x.instruction_id AS instructionId, x.unit_id AS unitId, u.name, x.reported_at AS reportedAt
    FROM instruction_units x JOIN units u ON u.id = x.unit_id WHERE x.instruction_id IN (SELECT value FROM json_each(?)) ORDER BY x.instruction_id, x.rowid`)
  const reportsOf = client.prepare<[number], InstructionReport>(`SELECT r.id, r.unit_id AS unitId, u.name AS unitName, r.text, r.reported_by AS reportedBy,
    us.name AS reportedByName, r.at FROM instruction_reports r JOIN units u ON u.id = r.unit_id JOIN users us ON us.id = r.reported_by
    WHERE r.instruction_id = ? ORDER BY r.id`)
  const taskOf = client.prepare<[number], { planId: number }>('SELECT plan_id AS planId FROM tasks WHERE id = ?')
  const taskLeads = client.prepare<[number], { unitId: number }>("SELECT unit_id AS unitId FROM task_units WHERE task_id = ? AND role = 'lead' ORDER BY position")
  const planExists = client.prepare<[number], { id: number }>('SELECT id FROM plans WHERE id = ?')
  // The plan's lead units, each once, in the order of their first task.
  const planLeads = client.prepare<[number], { unitId: number }>(`SELECT tu.unit_id AS unitId FROM task_units tu JOIN tasks t ON t.id = tu.task_id
    WHERE t.plan_id = ? AND tu.role = 'lead' GROUP BY tu.unit_id ORDER BY min(t.id)`)
  const unitExists = client.prepare<[number], { id: number }>('SELECT id FROM units WHERE id = ?')
  const insert = client.prepare(`INSERT INTO instructions (target_type, target_id, plan_id, text, issued_on, reply_by, issued_by, created_at)
    VALUES (@targetType, @targetId, @planId, @text, @issuedOn, @replyBy, @issuedBy, @at) RETURNING id`)
  const insertUnit = client.prepare<[number, number]>('INSERT INTO instruction_units (instruction_id, unit_id) VALUES (?, ?)')
  const insertReport = client.prepare<[number, number, string, number, string]>('INSERT INTO instruction_reports (instruction_id, unit_id, text, reported_by, at) VALUES (?, ?, ?, ?, ?)')
  const markReported = client.prepare<[string, number, number]>('UPDATE instruction_units SET reported_at = coalesce(reported_at, ?) WHERE instruction_id = ? AND unit_id = ?')
  const markAnswered = client.prepare<[string, number, number]>(`UPDATE instructions SET answered_at = ? WHERE id = ? AND answered_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM instruction_units x WHERE x.instruction_id = ? AND x.reported_at IS NULL)`)
  const addressed = client.prepare<[number, number], { ok: number }>('SELECT 1 AS ok FROM instruction_units WHERE instruction_id = ? AND unit_id = ?')
  const event = client.prepare('INSERT INTO outbox_events (type, task_id, payload) VALUES (?, ?, ?)')
  const forTaskStmt = client.prepare<[number], { id: number; text: string; issuedBy: number; issuedByName: string; createdAt: string }>(`SELECT i.id, i.text, i.issued_by AS issuedBy,
    u.name AS issuedByName, i.created_at AS createdAt FROM instructions i JOIN users u ON u.id = i.issued_by WHERE i.target_type = 'task' AND i.target_id = ? ORDER BY i.id`)
  const reportsForTask = client.prepare<[number], InstructionReport & { instructionId: number }>(`SELECT r.id, r.instruction_id AS instructionId, r.unit_id AS unitId, u.name AS unitName,
    r.text, r.reported_by AS reportedBy, us.name AS reportedByName, r.at FROM instruction_reports r JOIN instructions i ON i.id = r.instruction_id
    JOIN units u ON u.id = r.unit_id JOIN users us ON us.id = r.reported_by WHERE i.target_type = 'task' AND i.target_id = ? ORDER BY r.id`)
  const statements = new Map<string, Statement>()
  const prepared = (text: string) => {
    let s = statements.get(text)
    if (!s) statements.set(text, (s = client.prepare(text)))
    return s
  }

  function views(rows: Row[]): Instruction[] {
    const today = deps.today()
    const units = new Map<number, InstructionUnit[]>()
    for (const { instructionId, ...u } of unitsOf.all(JSON.stringify(rows.map((r) => r.id)))) {
      let list = units.get(instructionId)
      if (!list) units.set(instructionId, (list = []))
      list.push(u)
    }
    return rows.map((r) => ({
      ...r, status: r.answeredAt ? 'answered' : instructionOverdue(r, today) ? 'overdue' : 'open', units: units.get(r.id) ?? [],
    }))
  }

  /** The instruction as `viewer` may see it: a unit user sees only those addressed to its unit. */
  function get(id: number, viewer: Viewer): InstructionDetail {
    const row = byId.get(id)
    if (!row || (viewer.role === 'unit' && !addressed.get(id, viewer.unitId ?? 0))) throw notFound(`Instruction ${id}`)
    return { ...views([row])[0]!, reports: reportsOf.all(id) }
  }

  function resolveTarget(targetType: InstructionTarget, targetId: number): { planId: number | null; unitIds: number[]; taskId: number | null } {
    const missing = (detail: string) => unprocessable(`targetId: ${detail}`, [{ in: 'body', field: 'targetId', detail }])
    if (targetType === 'task') {
      const task = taskOf.get(targetId)
      if (!task) throw missing(`no task ${targetId}`)
      const unitIds = taskLeads.all(targetId).map((r) => r.unitId)
      if (unitIds.length === 0) throw missing('the task has no lead unit')
      return { planId: task.planId, unitIds, taskId: targetId }
    }
    if (targetType === 'plan') {
      if (!planExists.get(targetId)) throw missing(`no plan ${targetId}`)
      const unitIds = planLeads.all(targetId).map((r) => r.unitId)
      if (unitIds.length === 0) throw missing('the plan has no task with a lead unit')
      return { planId: targetId, unitIds, taskId: null }
    }
    if (!unitExists.get(targetId)) throw missing(`no unit ${targetId}`)
    return { planId: null, unitIds: [targetId], taskId: null }
  }

  return {
    get,
    /** A leader's instruction to the target's lead unit(s); mailed to them and the office. */
    issue(input: { targetType: InstructionTarget; targetId: number; text: string; replyBy?: string }, viewer: Viewer): InstructionDetail {
      const today = deps.today()
      if (input.replyBy !== undefined) {
        const field = (detail: string) => badRequest(`replyBy ${detail}.`, [{ in: 'body', field: 'replyBy', detail }])
        if (!isIsoDate(input.replyBy)) throw field('is not a calendar date')
        if (input.replyBy < today) throw field('must not be before today')
      }
      const target = resolveTarget(input.targetType, input.targetId)
      const replyBy = input.replyBy ?? deps.calendar().addWorkingDays(today, INSTRUCTION_REPLY_WORKING_DAYS)
      const at = deps.clock().toISOString()
      const id = db.transaction(() => {
        const row = { targetType: input.targetType, targetId: input.targetId, planId: target.planId, text: input.text, issuedOn: today, replyBy, issuedBy: viewer.id, at }
        const { id } = insert.get(row) as { id: number }
        for (const unitId of target.unitIds) insertUnit.run(id, unitId)
        audit({ actorId: viewer.id, action: 'instruction.issue', entityType: 'instruction', entityId: id, after: { ...row, unitIds: target.unitIds } })
        event.run('instruction.issued', target.taskId, JSON.stringify({ actorId: viewer.id, instructionId: id }))
        return id
      })
      return get(id, viewer)
    },
    /** 落实情况 from an addressed unit; the instruction is answered once every unit has reported. */
    report(id: number, text: string, viewer: Viewer): InstructionDetail {
      const before = get(id, viewer)
      const unitId = viewer.unitId!
      const at = deps.clock().toISOString()
      db.transaction(() => {
        const reportId = Number(insertReport.run(id, unitId, text, viewer.id, at).lastInsertRowid)
        markReported.run(at, id, unitId)
        markAnswered.run(at, id, id)
        audit({ actorId: viewer.id, action: 'instruction.report', entityType: 'instruction', entityId: id, before: { status: before.status }, after: { reportId, unitId, text } })
        event.run('instruction.reported', before.targetType === 'task' ? before.targetId : null, JSON.stringify({ actorId: viewer.id, instructionId: id, unitId, reportId }))
      })
      return get(id, viewer)
    },
    list(filter: InstructionFilter, viewer: Viewer): { items: Instruction[]; nextCursor: number | null } {
      const where: string[] = []
      const params: Record<string, unknown> = { limit: filter.limit + 1, today: deps.today() }
      if (viewer.role === 'unit') {
        where.push('EXISTS (SELECT 1 FROM instruction_units v WHERE v.instruction_id = i.id AND v.unit_id = @viewerUnit)')
        params.viewerUnit = viewer.unitId
      }
      if (filter.status === 'answered') where.push('i.answered_at IS NOT NULL')
      if (filter.status === 'open') where.push('i.answered_at IS NULL AND i.reply_by >= @today')
      if (filter.status === 'overdue') where.push('i.answered_at IS NULL AND i.reply_by < @today')
      if (filter.targetType) { where.push('i.target_type = @targetType'); params.targetType = filter.targetType }
      if (filter.planId !== undefined) { where.push('i.plan_id = @planId'); params.planId = filter.planId }
      if (filter.unitId !== undefined) {
        where.push('EXISTS (SELECT 1 FROM instruction_units f WHERE f.instruction_id = i.id AND f.unit_id = @unitId)')
        params.unitId = filter.unitId
      }
      if (filter.awaitingUnitId !== undefined) {
        where.push('EXISTS (SELECT 1 FROM instruction_units w WHERE w.instruction_id = i.id AND w.unit_id = @awaitingUnitId AND w.reported_at IS NULL)')
        params.awaitingUnitId = filter.awaitingUnitId
      }
      if (filter.afterId !== undefined) { where.push('i.id < @afterId'); params.afterId = filter.afterId }
      const rows = prepared(`SELECT ${COLUMNS} ${FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id DESC LIMIT @limit`).all(params) as Row[]
      const more = rows.length > filter.limit
      const items = views(more ? rows.slice(0, filter.limit) : rows)
      return { items, nextCursor: more ? items[items.length - 1]!.id : null }
    },
    /** Timeline entries of the instructions on a task and their reports; a unit sees those addressed to it, as it reads them. */
    timeline(taskId: number, viewer: Viewer): TimelineEntry[] {
      const visible = (instructionId: number) => viewer.role !== 'unit' || addressed.get(instructionId, viewer.unitId ?? 0) !== undefined
      return [
        ...forTaskStmt.all(taskId).filter((i) => visible(i.id)).map((i): TimelineEntry => ({
          at: i.createdAt, kind: 'instruction', actor: { id: i.issuedBy, name: i.issuedByName }, summary: '批示 issued', comment: i.text, data: { instructionId: i.id },
        })),
        ...reportsForTask.all(taskId).filter((r) => visible(r.instructionId)).map((r): TimelineEntry => ({
          at: r.at, kind: 'instruction-report', actor: { id: r.reportedBy, name: r.reportedByName }, summary: `${r.unitName} reported 落实情况`,
          comment: r.text, data: { instructionId: r.instructionId, reportId: r.id, unitId: r.unitId },
        })),
      ]
    },
  }
}
export type InstructionsRepository = ReturnType<typeof createInstructionsRepository>
