import { Type } from 'typebox'
import { REVIEW_KINDS } from '../domain/review-kinds.js'
import { IdRef, Limit, Nullable, ref } from './common.js'
import { TaskSummarySchema } from './tasks.js'

const ReviewKindSchema = Type.Enum(REVIEW_KINDS, { description: 'completion: 办结申请 to accept or return · report: a report to review · extension: 延期申请 to decide' })

export const ReviewsQuery = Type.Object({
  kind: Type.Optional(ReviewKindSchema),
  limit: Limit(200, 50),
}, { additionalProperties: false })

export const ReviewItemSchema = Type.Object({
  kind: ReviewKindSchema,
  id: Type.Integer({ description: "The task's id (a 办结申请: a task has one open at a time), the report's id or the extension request's id" }),
  task: ref(TaskSummarySchema),
  unit: Type.Union([ref(IdRef), Type.Null()], { description: "The unit that asked (a 办结申请: the task's lead unit)" }),
  by: Type.Union([ref(IdRef), Type.Null()], { description: 'Who filed it; null for a task imported as 申请办结' }),
  at: Type.String({ format: 'date-time', description: 'When it was filed (a report: its latest revision)' }),
  text: Type.String({ description: "办结情况, the report's progress, or the extension's reason" }),
  period: Nullable(Type.String({ description: 'report: its month, YYYY-MM' })),
  percent: Nullable(Type.Integer({ description: "report: the unit's percent complete" })),
  oldDeadline: Nullable(Type.String({ description: 'extension: the deadline it would move' })),
  newDeadline: Nullable(Type.String({ description: 'extension: the date asked for' })),
}, { $id: 'ReviewItem', additionalProperties: false })

export const ReviewsSchema = Type.Object({
  counts: Type.Object({ completion: Type.Integer(), report: Type.Integer(), extension: Type.Integer(), total: Type.Integer() }, { additionalProperties: false }),
  items: Type.Array(ref(ReviewItemSchema), { description: 'Those that have waited longest first' }),
}, { $id: 'Reviews', additionalProperties: false, description: '审核: what waits for the office' })

export const reviewSharedSchemas = [ReviewItemSchema, ReviewsSchema]
