import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, updatedAt } from './columns.js'

export const plans = sqliteTable('plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  docNumber: text('doc_number'),
  issuer: text('issuer'),
  issuedOn: text('issued_on'),
  startYear: integer('start_year').notNull(),
  endYear: integer('end_year').notNull(),
  /** Day of the month by which units report for the month (调度). */
  reportingDay: integer('reporting_day').notNull().default(25),
  /** Yellow light when the deadline is within this many working days. */
  yellowDays: integer('yellow_days').notNull().default(5),
  /** Yellow light when a yearly target trails its expected-to-date (序时进度) by more than this many percentage points. */
  behindTolerance: integer('behind_tolerance').notNull().default(10),
  escalationL2Days: integer('escalation_l2_days').notNull().default(5),
  escalationL3Days: integer('escalation_l3_days').notNull().default(15),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('plans_doc_number_uq').on(t.docNumber)])

export const sections = sqliteTable('sections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  number: text('number').notNull(),
  title: text('title').notNull(),
  position: integer('position').notNull().default(0),
}, (t) => [uniqueIndex('sections_plan_number_uq').on(t.planId, t.number)])
