import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns.js'
import { units } from './units.js'

export const ROLES = ['admin', 'office', 'unit', 'supervisor', 'leader'] as const
export type Role = (typeof ROLES)[number]

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email'),
  role: text('role', { enum: ROLES }).notNull(),
  unitId: integer('unit_id').references(() => units.id),
  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
}, (t) => [index('users_role_idx').on(t.role), index('users_unit_idx').on(t.unitId)])
