import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { tasks } from './tasks.js'
import { units } from './units.js'
import { users } from './users.js'

/** What an evidence file (佐证材料) can be attached to; `notice_reply` is for supervision-notice replies. */
export const FILE_OWNER_TYPES = ['task', 'report', 'completion_request', 'extension_request', 'notice_reply'] as const
export type FileOwnerType = (typeof FILE_OWNER_TYPES)[number]

/**
 * One row per upload. The content lives once per SHA-256 under DATA_DIR/files/ab/cdef…, shared by every row with
 * that hash. Unattached rows (owner null) belong to their uploader alone and are purged after a day.
 */
export const files = sqliteTable('files', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The original file name as the client sent it. */
  name: text('name').notNull(),
  size: integer('size').notNull(),
  /** MIME type sniffed from the content. */
  type: text('type').notNull(),
  sha256: text('sha256').notNull(),
  uploaderId: integer('uploader_id').notNull().references(() => users.id),
  uploaderUnitId: integer('uploader_unit_id').references(() => units.id),
  createdAt: text('created_at').notNull(),
  ownerType: text('owner_type', { enum: FILE_OWNER_TYPES }),
  ownerId: integer('owner_id'),
  /** The task the owner belongs to: reading the file follows the task's scope. */
  taskId: integer('task_id').references(() => tasks.id, { onDelete: 'cascade' }),
  attachedAt: text('attached_at'),
}, (t) => [
  index('files_owner_idx').on(t.ownerType, t.ownerId),
  index('files_sha256_idx').on(t.sha256),
  index('files_task_idx').on(t.taskId),
  index('files_unattached_idx').on(t.ownerType, t.createdAt),
])
