import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns.js'
import { escalations } from './escalations.js'
import { tasks } from './tasks.js'
import { units } from './units.js'
import { users } from './users.js'

export const NOTIFICATION_KINDS = [
  'deadline_reminder', 'report_reminder', 'task_dispatched', 'task_returned', 'extension_decided',
  'escalation_l1', 'escalation_l2', 'escalation_l3', 'summary', 'notice_issued', 'notice_reopened', 'notice_overdue', 'instruction_issued',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed'] as const
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number]

/**
 * One e-mail to one recipient, and the dedupe ledger: `dedupe_key` names the occasion and the recipient,
 * so a job that runs twice inserts nothing new and a sent message is never sent again.
 */
export const notifications = sqliteTable('notifications', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  dedupeKey: text('dedupe_key').notNull().unique(),
  kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
  recipientEmail: text('recipient_email').notNull(),
  userId: integer('user_id').references(() => users.id),
  unitId: integer('unit_id').references(() => units.id),
  taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
  escalationId: integer('escalation_id').references(() => escalations.id, { onDelete: 'set null' }),
  /** The summary mailed (attached as Word); summaries live in the summaries engineer's table. */
  summaryId: integer('summary_id'),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  bodyHtml: text('body_html').notNull(),
  status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
  /** When a send job was last put on the mail queue; null while waiting for Redis. */
  enqueuedAt: text('enqueued_at'),
  sentAt: text('sent_at'),
}, (t) => [
  index('notifications_status_idx').on(t.status, t.id),
  index('notifications_task_idx').on(t.taskId, t.id),
  index('notifications_unenqueued_idx').on(t.status, t.enqueuedAt),
])
