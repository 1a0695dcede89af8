import { Type } from 'typebox'
import { EXTENSION_DECISIONS, EXTENSION_STATUSES, REPORT_STATUSES, REVIEW_DECISIONS } from '../db/schema/index.js'
import { LIGHTS } from '../domain/lights.js'
import { TASK_STATUSES } from '../domain/task-status.js'
import { IdempotencyKeyHeader } from '../plugins/idempotency.js'
import { Id, IdRef, IsoDate, Nullable, ref } from './common.js'

const idName = ref(IdRef)
// Nullable objects are inlined as `type: ['object', 'null']` (fast-json-stringify serialises `anyOf` by validating
// each branch), and built afresh for each use: @fastify/swagger rewrites shared nullable objects in place.
const idNameOrNull = () => Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }, { additionalProperties: false }))
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })
const Comment = Text(2000)

/** Headers of every workflow POST: the task's ETag to match and a key that makes the POST safe to retry. */
export const WorkflowHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: "The task's ETag; a stale one is 412" })),
  ...IdempotencyKeyHeader,
})

export const CommentBody = Type.Object({ comment: Type.Optional(Comment) }, { additionalProperties: false })
export const ReasonBody = Type.Object({ reason: Comment }, { additionalProperties: false })
export const CompletionRequestBody = Type.Object({ summary: Text(20000) }, { additionalProperties: false, description: '办结申请: what was done' })
export const TaskReviewBody = Type.Object({
  decision: Type.Enum(['accept', 'return'], { description: 'accept closes the task (销号); return sends it back to in_progress (退回)' }),
  comment: Type.Optional(Comment),
}, { additionalProperties: false, description: 'return needs a comment' })

export const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Reporting month YYYY-MM' })

const TargetValueSchema = Type.Object({
  targetId: Id,
  actual: Type.Number({ minimum: 0, description: "Cumulative for the target's year" }),
}, { additionalProperties: false })

export const ReportCreateBody = Type.Object({
  period: Period,
  progress: Text(20000),
  problems: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  nextSteps: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  targetValues: Type.Array(TargetValueSchema, { maxItems: 100 }),
}, { additionalProperties: false })

export const ReportReviewBody = Type.Object({
  decision: Type.Enum(REVIEW_DECISIONS),
  comment: Type.Optional(Comment),
}, { additionalProperties: false, description: 'return needs a comment' })

export const ReportListQuery = Type.Object({
  period: Type.Optional(Period),
  unitId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 12 })),
}, { additionalProperties: false })

const ReviewFields = {
  decision: Type.Enum(REVIEW_DECISIONS),
  comment: Nullable(Type.String()),
  reviewer: idName,
  revision: Type.Integer(),
  at: Type.String(),
}
export const ReportReviewSchema = Type.Object(ReviewFields, { $id: 'ReportReview', additionalProperties: false })
const reviewOrNull = () => Nullable(Type.Object(ReviewFields, { additionalProperties: false, description: 'The review of the current revision' }))

const RevisionFields = {
  revision: Type.Integer(),
  progress: Type.String(),
  problems: Nullable(Type.String()),
  nextSteps: Nullable(Type.String()),
  percent: Type.Integer(),
  targetValues: Type.Array(Type.Object({ targetId: Type.Integer(), actual: Type.Number() }, { additionalProperties: false })),
  submittedBy: idName,
  submittedAt: Type.String(),
}
export const ReportRevisionSchema = Type.Object(RevisionFields, { $id: 'ReportRevision', additionalProperties: false })

const reportFields = () => ({
  id: Type.Integer(),
  taskId: Type.Integer(),
  unit: idName,
  period: Type.String(),
  status: Type.Enum(REPORT_STATUSES, { description: 'Review state of the current revision' }),
  firstSubmittedAt: Type.String(),
  ...RevisionFields,
  review: reviewOrNull(),
})
export const ReportSchema = Type.Object(reportFields(), { $id: 'Report', additionalProperties: false, description: 'A report as its current revision reads' })
export const ReportDetailSchema = Type.Object({
  ...reportFields(),
  revisions: Type.Array(ref(ReportRevisionSchema)),
  reviews: Type.Array(ref(ReportReviewSchema)),
}, { $id: 'ReportDetail', additionalProperties: false })
export const ReportListSchema = Type.Object({
  items: Type.Array(ref(ReportSchema)),
  nextCursor: Nullable(Type.String()),
}, { $id: 'ReportList', additionalProperties: false })

export const ExtensionRequestBody = Type.Object({
  newDeadline: IsoDate,
  reason: Comment,
}, { additionalProperties: false })

export const ExtensionDecisionBody = Type.Object({
  decision: Type.Enum(EXTENSION_DECISIONS),
  comment: Type.Optional(Comment),
}, { additionalProperties: false })

export const ExtensionRequestSchema = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  unit: idName,
  requestedBy: idName,
  oldDeadline: Nullable(Type.String()),
  newDeadline: Type.String(),
  reason: Type.String(),
  status: Type.Enum(EXTENSION_STATUSES),
  decidedBy: idNameOrNull(),
  decidedAt: Nullable(Type.String()),
  decisionComment: Nullable(Type.String()),
  createdAt: Type.String(),
}, { $id: 'ExtensionRequest', additionalProperties: false })

export const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  actor: idNameOrNull(),
  summary: Type.String(),
  comment: Type.Optional(Nullable(Type.String())),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, { $id: 'TimelineEntry', additionalProperties: false })

const countsOf = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])), { additionalProperties: false })

const TargetProgressItem = () => Type.Object({
  targetId: Type.Integer(),
  taskId: Type.Integer(),
  taskNumber: Type.String(),
  year: Type.Integer(),
  description: Type.String(),
  measure: Nullable(Type.String()),
  dueOn: Type.String(),
  value: Nullable(Type.Number()),
  actual: Nullable(Type.Number()),
  actualPeriod: Nullable(Type.String()),
  expectedToDate: Nullable(Type.Number({ description: '序时进度: value × elapsed share of the target year' })),
  completion: Nullable(Type.Number({ description: 'actual ÷ value' })),
  onPace: Nullable(Type.Boolean()),
}, { additionalProperties: false })

/** One task's targets of every year with actual vs target vs 序时进度. */
export const TaskProgressSchema = Type.Object({
  asOf: Type.String(),
  items: Type.Array(TargetProgressItem()),
}, { additionalProperties: false })

export const PlanProgressSchema = Type.Object({
  planId: Type.Integer(),
  asOf: Type.String(),
  year: Type.Integer(),
  counts: Type.Object({
    total: Type.Integer(),
    byStatus: countsOf(TASK_STATUSES),
    byLight: countsOf(LIGHTS),
  }, { additionalProperties: false }),
  targets: Type.Object({
    items: Type.Array(TargetProgressItem()),
    nextCursor: Nullable(Type.String()),
  }, { additionalProperties: false }),
}, { $id: 'PlanProgress', additionalProperties: false })

export const ScorecardSchema = Type.Object({
  unit: idName,
  planId: Nullable(Type.Integer()),
  asOf: Type.String(),
  tasksLed: Type.Integer(),
  closed: Type.Integer(),
  closedOnTime: Type.Integer(),
  overdue: Type.Integer(),
  reportsSubmitted: Type.Integer(),
  reportsOnTime: Type.Integer(),
}, { $id: 'Scorecard', additionalProperties: false })

/** Registered with `$id` (src/schemas/index.ts); dependencies first. */
export const workflowSharedSchemas = [
  ReportReviewSchema, ReportRevisionSchema, ReportSchema, ReportDetailSchema, ReportListSchema, ExtensionRequestSchema,
  TimelineEntrySchema, PlanProgressSchema, ScorecardSchema,
]
