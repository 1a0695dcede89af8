import { integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { createdAt, updatedAt } from './columns.js'

export const UNIT_KINDS = ['department', 'street', 'township', 'enterprise', 'group', 'other'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const units = sqliteTable('units', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: UNIT_KINDS }).notNull().default('department'),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
  contactEmails: text('contact_emails', { mode: 'json' }).$type<string[]>().notNull().default([]),
  parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})
