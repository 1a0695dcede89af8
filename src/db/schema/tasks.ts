import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { createdAt, updatedAt } from './columns.js'
import { plans, sections } from './plans.js'
import { units } from './units.js'
import { TASK_STATUSES } from '../../domain/task-status.js'
import { DEADLINE_SOURCES, LIGHTS, type LightReason } from '../../domain/lights.js'

export const tasks = sqliteTable('tasks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  sectionId: integer('section_id').references(() => sections.id, { onDelete: 'set null' }),
  parentId: integer('parent_id').references((): AnySQLiteColumn => tasks.id, { onDelete: 'set null' }),
  number: text('number').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** YYYY-MM-DD, a calendar date in Asia/Shanghai. */
  deadline: text('deadline'),
  /** First date the light turns yellow: derived from deadline, the plan's window and the calendar. */
  yellowFrom: text('yellow_from'),
  status: text('status', { enum: TASK_STATUSES }).notNull().default('draft'),
  percent: integer('percent').notNull().default(0),
  /** Bumped on every change; the ETag. */
  version: integer('version').notNull().default(1),
  closedAt: text('closed_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  // The light as computed (src/domain/lights.ts) on the last write or scan, so lists filter it in SQL. It holds
  // until `lightChangesOn`; rows reaching that day are recomputed before they are read (src/repositories/lights.ts).
  /** The deadline the task is held to: its own, else its nearest open target's due date, else the plan's end. */
  effectiveDeadline: text('effective_deadline'),
  deadlineSource: text('deadline_source', { enum: DEADLINE_SOURCES }).notNull().default('plan'),
  light: text('light', { enum: LIGHTS }).notNull().default('green'),
  lightReasons: text('light_reasons', { mode: 'json' }).$type<LightReason[]>().notNull().default([]),
  /** The first day the stored light may be wrong; null: never (finished tasks). New rows start due at once. */
  lightChangesOn: text('light_changes_on').default('0000-01-01'),
}, (t) => [
  uniqueIndex('tasks_plan_number_uq').on(t.planId, t.number),
  index('tasks_light_changes_idx').on(t.lightChangesOn),
  // Covers the dashboard's counts, overdue tasks and the trend's reads without touching the wide rows.
  index('tasks_plan_status_light_idx').on(t.planId, t.status, t.light, t.effectiveDeadline, t.deadline, t.closedAt),
  index('tasks_deadline_idx').on(t.deadline),
  index('tasks_status_idx').on(t.status),
  index('tasks_parent_idx').on(t.parentId),
])

export const TASK_UNIT_ROLES = ['lead', 'responsible', 'cooperating'] as const
export type TaskUnitRole = (typeof TASK_UNIT_ROLES)[number]

export const taskUnits = sqliteTable('task_units', {
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id').notNull().references(() => units.id),
  role: text('role', { enum: TASK_UNIT_ROLES }).notNull(),
  /** The document named no lead: the first responsible unit was taken as lead by convention. */
  inferred: integer('inferred', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.taskId, t.unitId] }), index('task_units_unit_task_idx').on(t.unitId, t.taskId, t.role)])

export const targets = sqliteTable('targets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  description: text('description').notNull(),
  value: real('value'),
  measure: text('measure'),
  /** YYYY-MM-DD; 31 December of the year unless given. */
  dueOn: text('due_on').notNull(),
}, (t) => [index('targets_task_idx').on(t.taskId)])
