import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { SUMMARY_KINDS } from '../../domain/summaries/period.js'
import type { SummaryContent } from '../../domain/summaries/content.js'
import { plans } from './plans.js'
import { users } from './users.js'

/**
 * Generated summaries (月调度, 季度通报, 年度考核). Regenerating with changed content adds a row; the
 * newest row per kind, plan and period is the one in force.
 */
export const summaries = sqliteTable('summaries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: SUMMARY_KINDS }).notNull(),
  planId: integer('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
  /** 2026-06, 2026-Q2, 2026 */
  period: text('period').notNull(),
  title: text('title').notNull(),
  content: text('content', { mode: 'json' }).$type<SummaryContent>().notNull(),
  /** SHA-256 of the content's JSON: equal for equal content. */
  contentHash: text('content_hash').notNull(),
  /** ISO-8601 instant from the app's clock; kept out of the content so equal data gives equal content. */
  generatedAt: text('generated_at').notNull(),
  /** Null when a scheduler generated it. */
  generatedBy: integer('generated_by').references(() => users.id),
}, (t) => [index('summaries_plan_kind_period_idx').on(t.planId, t.kind, t.period, t.id)])
