import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns.js'

/** Domain events written in the same transaction as the change; a relay moves them to BullMQ after commit. */
export const outboxEvents = sqliteTable('outbox_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type').notNull(),
  taskId: integer('task_id'),
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  relayedAt: text('relayed_at'),
}, (t) => [index('outbox_pending_idx').on(t.relayedAt, t.id)])
