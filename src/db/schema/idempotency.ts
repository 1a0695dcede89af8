import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Responses to POSTs sent with an Idempotency-Key, replayed on retries; purged after 24 hours. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  actorId: integer('actor_id').notNull(),
  key: text('key').notNull(),
  method: text('method').notNull(),
  /** The route pattern, e.g. /api/tasks/:id/reports. */
  route: text('route').notNull(),
  /** SHA-256 of method, URL and body: the same key with another request is refused. */
  fingerprint: text('fingerprint').notNull(),
  status: integer('status').notNull(),
  /** The response body as JSON. */
  body: text('body').notNull(),
  /** Response headers worth replaying (ETag, Location) as JSON. */
  headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.actorId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)])
