import type { Statement } from 'better-sqlite3'
import type { EscalationStatus } from '../db/schema/index.js'
import type { Escalation } from './escalations.js'
import type { Db } from './db-types.js'

/** An escalation as the supervision office's desk lists it: with its task and lead units. */
export type DeskEscalation = Escalation & { taskNumber: string; taskTitle: string; planId: number; leadUnits: { id: number; name: string }[] }

/** One line of a unit's score history: its row in each quarterly notice in force. */
export interface UnitScore {
  summaryId: number
  planId: number
  planTitle: string
  period: string
  rank: number
  unitsRanked: number
  score: number
  tasksLed: number
  overdue: number
}

const ESCALATION_COLUMNS = `e.id, e.task_id AS taskId, e.level, e.deadline, e.opened_on AS openedOn, e.reason, e.status,
  e.acknowledged_by AS acknowledgedBy, e.acknowledged_at AS acknowledgedAt, e.resolved_by AS resolvedBy, e.resolved_at AS resolvedAt, e.note,
  e.created_at AS createdAt, t.number AS taskNumber, t.title AS taskTitle, t.plan_id AS planId,
  (SELECT json_group_array(json_object('id', u.id, 'name', u.name)) FROM (SELECT u.id, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id
    WHERE tu.task_id = e.task_id AND tu.role = 'lead' ORDER BY tu.position) u) AS leadUnits`

/** Reads for the supervision office's desk (督办台) and a unit's page (单位情况). */
export function createSupervisionDeskRepository(db: Db) {
  const client = db.$client
  const statements = new Map<string, Statement>()
  const prepared = (text: string) => {
    let s = statements.get(text)
    if (!s) statements.set(text, (s = client.prepare(text)))
    return s
  }
  // Quarterly notices in force (the newest per plan and quarter) that rank the unit, oldest quarter first.
  const scores = client.prepare<[number], UnitScore>(`SELECT s.id AS summaryId, s.plan_id AS planId, p.title AS planTitle, s.period,
      json_extract(u.value, '$.rank') AS rank, json_array_length(s.content, '$.units') AS unitsRanked, json_extract(u.value, '$.score') AS score,
      json_extract(u.value, '$.tasksLed') AS tasksLed, json_extract(u.value, '$.overdue') AS overdue
    FROM summaries s JOIN plans p ON p.id = s.plan_id, json_each(s.content, '$.units') u
    WHERE s.kind = 'quarterly' AND json_extract(u.value, '$.unitId') = ?
      AND s.id = (SELECT max(x.id) FROM summaries x WHERE x.kind = 'quarterly' AND x.plan_id = s.plan_id AND x.period = s.period)
    ORDER BY s.period, s.plan_id`)

  return {
    escalations(filter: { level?: number; status?: EscalationStatus; open?: boolean; unitId?: number; afterId?: number; limit: number }): { items: DeskEscalation[]; nextCursor: number | null } {
      const where: string[] = []
      const params: Record<string, unknown> = { limit: filter.limit + 1 }
      if (filter.level !== undefined) { where.push('e.level = @level'); params.level = filter.level }
      if (filter.status) { where.push('e.status = @status'); params.status = filter.status }
      if (filter.open) where.push("e.status <> 'resolved'")
      if (filter.unitId !== undefined) {
        where.push("EXISTS (SELECT 1 FROM task_units f WHERE f.task_id = e.task_id AND f.unit_id = @unitId AND f.role = 'lead')")
        params.unitId = filter.unitId
      }
      if (filter.afterId !== undefined) { where.push('e.id < @afterId'); params.afterId = filter.afterId }
      const rows = prepared(`SELECT ${ESCALATION_COLUMNS} FROM escalations e JOIN tasks t ON t.id = e.task_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id DESC LIMIT @limit`).all(params) as (Omit<DeskEscalation, 'leadUnits'> & { leadUnits: string })[]
      const more = rows.length > filter.limit
      const items = (more ? rows.slice(0, filter.limit) : rows).map((r) => ({ ...r, leadUnits: JSON.parse(r.leadUnits) as { id: number; name: string }[] }))
      return { items, nextCursor: more ? items[items.length - 1]!.id : null }
    },
    scores: (unitId: number): UnitScore[] => scores.all(unitId),
  }
}
export type SupervisionDeskRepository = ReturnType<typeof createSupervisionDeskRepository>
