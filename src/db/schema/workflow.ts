import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { TASK_STATUSES } from '../../domain/task-status.js'
import { targets, tasks } from './tasks.js'
import { units } from './units.js'
import { users } from './users.js'

// Timestamps here are ISO-8601 UTC instants from the app's clock (not SQLite's), so tests can move time.

/** Every status change of a task, oldest first: the lifecycle's history. */
export const taskTransitions = sqliteTable('task_transitions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  action: text('action').notNull(),
  fromStatus: text('from_status', { enum: TASK_STATUSES }).notNull(),
  toStatus: text('to_status', { enum: TASK_STATUSES }).notNull(),
  actorId: integer('actor_id').references(() => users.id),
  /** The reason or comment given with the action (return, suspend, cancel need one). */
  comment: text('comment'),
  at: text('at').notNull(),
}, (t) => [index('task_transitions_task_idx').on(t.taskId, t.id)])

export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** 进展报告: one per task, unit and period (month); its text lives in revisions, the newest current. */
export const reports = sqliteTable('reports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id').notNull().references(() => units.id),
  /** YYYY-MM */
  period: text('period').notNull(),
  /** The current revision's number, 1 for the first submission. */
  revision: integer('revision').notNull(),
  /** Review state of the current revision; a new revision is `submitted` again. */
  status: text('status', { enum: REPORT_STATUSES }).notNull().default('submitted'),
  firstSubmittedAt: text('first_submitted_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [
  uniqueIndex('reports_task_unit_period_uq').on(t.taskId, t.unitId, t.period),
  index('reports_unit_idx').on(t.unitId, t.period),
  index('reports_status_idx').on(t.status),
])

/** Every submission of a report, kept: a resubmission for the same period is a new revision. */
export const reportRevisions = sqliteTable('report_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  reportId: integer('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
  revision: integer('revision').notNull(),
  progress: text('progress').notNull(),
  problems: text('problems'),
  nextSteps: text('next_steps'),
  percent: integer('percent').notNull(),
  submittedBy: integer('submitted_by').notNull().references(() => users.id),
  submittedAt: text('submitted_at').notNull(),
}, (t) => [uniqueIndex('report_revisions_report_revision_uq').on(t.reportId, t.revision)])

/** Actual values per yearly target in one revision; cumulative for the target's year. */
export const reportTargetActuals = sqliteTable('report_target_actuals', {
  revisionId: integer('revision_id').notNull().references(() => reportRevisions.id, { onDelete: 'cascade' }),
  targetId: integer('target_id').notNull().references(() => targets.id, { onDelete: 'cascade' }),
  actual: real('actual').notNull(),
}, (t) => [primaryKey({ columns: [t.revisionId, t.targetId] }), index('report_target_actuals_target_idx').on(t.targetId)])

export const REVIEW_DECISIONS = ['accept', 'return'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]

/** The office's review of one revision of a report. */
export const reportReviews = sqliteTable('report_reviews', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  reportId: integer('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
  revision: integer('revision').notNull(),
  decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
  comment: text('comment'),
  reviewerId: integer('reviewer_id').notNull().references(() => users.id),
  at: text('at').notNull(),
}, (t) => [index('report_reviews_report_idx').on(t.reportId, t.id)])

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number]
export const EXTENSION_DECISIONS = ['approve', 'reject'] as const
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number]

/** 延期申请: the deadline in force when it was filed stays here after an approval moves the task's. */
export const extensionRequests = sqliteTable('extension_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id').notNull().references(() => units.id),
  requestedBy: integer('requested_by').notNull().references(() => users.id),
  oldDeadline: text('old_deadline'),
  newDeadline: text('new_deadline').notNull(),
  reason: text('reason').notNull(),
  status: text('status', { enum: EXTENSION_STATUSES }).notNull().default('pending'),
  decidedBy: integer('decided_by').references(() => users.id),
  decidedAt: text('decided_at'),
  decisionComment: text('decision_comment'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('extension_requests_task_idx').on(t.taskId, t.id), index('extension_requests_status_idx').on(t.status)])
