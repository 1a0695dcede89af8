import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns.js'
import { tasks } from './tasks.js'
import { users } from './users.js'

export const ESCALATION_LEVELS = [1, 2, 3] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export const ESCALATION_REASONS = ['overdue', 'reports_missing'] as const
export type EscalationReason = (typeof ESCALATION_REASONS)[number]
export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved'] as const
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number]

/** 催办 (L1), 督办单 (L2) and leaders' escalations (L3): one row per task, deadline and level. */
export const escalations = sqliteTable('escalations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  level: integer('level').$type<EscalationLevel>().notNull(),
  /** The deadline this escalates (YYYY-MM-DD); null for a task without one escalated for missing reports. */
  deadline: text('deadline'),
  /** `deadline`, or '' without one: the uniqueness key (SQLite's unique indexes treat nulls as distinct). */
  deadlineKey: text('deadline_key').generatedAlwaysAs(sql`coalesce(deadline, '')`, { mode: 'virtual' }),
  /** YYYY-MM-DD, the scan's as-of date. */
  openedOn: text('opened_on').notNull(),
  reason: text('reason', { enum: ESCALATION_REASONS }).notNull(),
  status: text('status', { enum: ESCALATION_STATUSES }).notNull().default('open'),
  acknowledgedBy: integer('acknowledged_by').references(() => users.id),
  acknowledgedAt: text('acknowledged_at'),
  resolvedBy: integer('resolved_by').references(() => users.id),
  resolvedAt: text('resolved_at'),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [
  // An approved extension moves the deadline, so the ladder starts afresh for the new one.
  uniqueIndex('escalations_task_deadline_level_uq').on(t.taskId, t.deadlineKey, t.level),
  index('escalations_status_idx').on(t.status, t.level),
])
