import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { escalations } from './escalations.js'
import { plans } from './plans.js'
import { tasks } from './tasks.js'
import { units } from './units.js'
import { users } from './users.js'

// Timestamps are ISO-8601 UTC instants from the app's clock, dates YYYY-MM-DD in Asia/Shanghai.

export const NOTICE_COLOURS = ['blue', 'yellow', 'red'] as const
export type NoticeColour = (typeof NOTICE_COLOURS)[number]
/** open: awaiting the unit's reply (反馈); replied: awaiting the supervisor's review; accepted: done. */
export const NOTICE_STATUSES = ['open', 'replied', 'accepted'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]
export const NOTICE_ACTIONS = ['issue', 'reply', 'accept', 'reopen', 'escalate'] as const
export type NoticeAction = (typeof NOTICE_ACTIONS)[number]

/** 督办单: a numbered notice from the supervision office to a task's lead unit. */
export const notices = sqliteTable('notices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year').notNull(),
  /** Per year, from 1, without gaps: 督办〔year〕第seq号. */
  seq: integer('seq').notNull(),
  number: text('number').notNull(),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  /** The lead unit addressed. */
  unitId: integer('unit_id').notNull().references(() => units.id),
  colour: text('colour', { enum: NOTICE_COLOURS }).notNull(),
  problem: text('problem').notNull(),
  requirement: text('requirement').notNull(),
  issuedOn: text('issued_on').notNull(),
  replyBy: text('reply_by').notNull(),
  status: text('status', { enum: NOTICE_STATUSES }).notNull().default('open'),
  /** Null when issued by hand; the L2 escalation that opened it otherwise. */
  escalationId: integer('escalation_id').references(() => escalations.id, { onDelete: 'set null' }),
  /** Null for the system (the daily scan). */
  issuedBy: integer('issued_by').references(() => users.id),
  /** The reply-by date whose lapse was escalated to the leaders (L3); each reply-by is escalated once. */
  escalatedFor: text('escalated_for'),
  escalatedOn: text('escalated_on'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  uniqueIndex('notices_year_seq_uq').on(t.year, t.seq),
  index('notices_unit_idx').on(t.unitId, t.id),
  index('notices_task_idx').on(t.taskId, t.id),
  index('notices_status_reply_idx').on(t.status, t.replyBy),
])

/** Everything that happened to a notice, oldest first: issue, replies, accept, reopen, escalation. */
export const noticeActions = sqliteTable('notice_actions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  noticeId: integer('notice_id').notNull().references(() => notices.id, { onDelete: 'cascade' }),
  action: text('action', { enum: NOTICE_ACTIONS }).notNull(),
  actorId: integer('actor_id').references(() => users.id),
  /** The reply, or the reason for asking again. */
  text: text('text'),
  /** The reply-by date set by this action (issue, reopen). */
  replyBy: text('reply_by'),
  at: text('at').notNull(),
}, (t) => [index('notice_actions_notice_idx').on(t.noticeId, t.id)])

export const INSTRUCTION_TARGETS = ['task', 'plan', 'unit'] as const
export type InstructionTarget = (typeof INSTRUCTION_TARGETS)[number]

/** 批示: a leader's written instruction on a task, a plan or a unit. */
export const instructions = sqliteTable('instructions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  targetType: text('target_type', { enum: INSTRUCTION_TARGETS }).notNull(),
  targetId: integer('target_id').notNull(),
  /** The plan it concerns (a task's or the plan itself); null for an instruction on a unit. */
  planId: integer('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  issuedOn: text('issued_on').notNull(),
  replyBy: text('reply_by').notNull(),
  issuedBy: integer('issued_by').notNull().references(() => users.id),
  /** Set when every addressed unit has reported 落实情况. */
  answeredAt: text('answered_at'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('instructions_plan_idx').on(t.planId, t.id), index('instructions_reply_idx').on(t.answeredAt, t.replyBy)])

/** The units an instruction goes to, and when each first reported how it acted on it. */
export const instructionUnits = sqliteTable('instruction_units', {
  instructionId: integer('instruction_id').notNull().references(() => instructions.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id').notNull().references(() => units.id),
  reportedAt: text('reported_at'),
}, (t) => [uniqueIndex('instruction_units_uq').on(t.instructionId, t.unitId), index('instruction_units_unit_idx').on(t.unitId, t.instructionId)])

/** 落实情况: what an addressed unit reported; a unit may report again. */
export const instructionReports = sqliteTable('instruction_reports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  instructionId: integer('instruction_id').notNull().references(() => instructions.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id').notNull().references(() => units.id),
  text: text('text').notNull(),
  reportedBy: integer('reported_by').notNull().references(() => users.id),
  at: text('at').notNull(),
}, (t) => [index('instruction_reports_instruction_idx').on(t.instructionId, t.id)])
