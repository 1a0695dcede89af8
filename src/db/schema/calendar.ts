import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns.js'

export const calendarOverrides = sqliteTable('calendar_overrides', {
  /** YYYY-MM-DD */
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
})
