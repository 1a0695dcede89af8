import { Type, type TSchema } from 'typebox'
import { ESCALATION_REASONS, ESCALATION_STATUSES, NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '../db/schema/index.js'
import { Id, ID_MAX, IsoDate, Limit, Nullable } from './common.js'

const Level = Type.Integer({ minimum: 1, maximum: 3, description: '1 催办 (lead unit and office), 2 督办 (supervision office), 3 leaders' })
export const Cursor = Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 12, description: 'nextCursor of the previous page' }))

export const EscalationSchema = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  level: Level,
  deadline: Nullable(Type.String({ description: 'The deadline escalated; an approved extension starts the ladder afresh' })),
  openedOn: Type.String(),
  reason: Type.Enum(ESCALATION_REASONS),
  status: Type.Enum(ESCALATION_STATUSES),
  acknowledgedBy: Nullable(Type.Integer()),
  acknowledgedAt: Nullable(Type.String()),
  resolvedBy: Nullable(Type.Integer()),
  resolvedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
}, { $id: 'Escalation', additionalProperties: false })

export const EscalationListQuery = Type.Object({
  taskId: Type.Optional(Id),
  level: Type.Optional(Level),
  status: Type.Optional(Type.Enum(ESCALATION_STATUSES)),
  limit: Limit(500, 100),
  cursor: Cursor,
}, { additionalProperties: false })

export const EscalationActionBody = Type.Object({
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'What was done or found' })),
}, { additionalProperties: false })

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  dedupeKey: Type.String({ description: 'The occasion and recipient; a message is never queued twice for one key' }),
  kind: Type.Enum(NOTIFICATION_KINDS),
  recipientEmail: Type.String(),
  userId: Nullable(Type.Integer()),
  unitId: Nullable(Type.Integer()),
  taskId: Nullable(Type.Integer()),
  escalationId: Nullable(Type.Integer()),
  summaryId: Nullable(Type.Integer()),
  subject: Type.String(),
  status: Type.Enum(NOTIFICATION_STATUSES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  enqueuedAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
}, { $id: 'Notification', additionalProperties: false })

export const NotificationListQuery = Type.Object({
  status: Type.Optional(Type.Enum(NOTIFICATION_STATUSES)),
  taskId: Type.Optional(Id),
  kind: Type.Optional(Type.Enum(NOTIFICATION_KINDS)),
  limit: Limit(500, 100),
  cursor: Cursor,
}, { additionalProperties: false })

export const DailyScanResultSchema = Type.Object({
  asOf: Type.String(),
  workingDay: Type.Boolean({ description: 'Scans do nothing on weekends and holidays; the next working day catches up' }),
  reminders: Type.Record(Type.String(), Type.Integer(), { description: 'New reminder messages by kind: deadline_5d, deadline_1d, report' }),
  escalations: Type.Object({ l1: Type.Integer(), l2: Type.Integer(), l3: Type.Integer() }, { additionalProperties: false, description: 'Escalations opened, by level' }),
  notifications: Type.Integer({ description: 'New notifications queued in all' }),
}, { $id: 'DailyScanResult', additionalProperties: false })

export const SummaryJobResultSchema = Type.Object({
  kind: Type.String(),
  asOf: Type.String(),
  period: Nullable(Type.String()),
  summaries: Type.Array(Type.Object({ planId: Type.Integer(), summaryId: Type.Integer(), created: Type.Boolean() }, { additionalProperties: false })),
}, { $id: 'SummaryJobResult', additionalProperties: false })

/** What POST /api/admin/jobs/* answers: the job, its state, and with ?wait=true what it did. */
export const jobRunSchema = <R extends TSchema>(result: R) => Type.Object({
  jobId: Type.String(),
  queue: Type.String(),
  state: Type.String({ description: 'completed, failed, or waiting/active/delayed when not waited for (or still running)' }),
  result: Type.Optional(result),
  failedReason: Type.Optional(Type.String()),
}, { additionalProperties: false })

export const JobBody = Type.Object({
  /** Run as if this were today (re-run a missed day, or travel in time). */
  asOf: Type.Optional(IsoDate),
}, { additionalProperties: false })

export const SummaryJobBody = Type.Object({
  /** Run as if this were today: summarises the month, quarter or year before it. */
  asOf: Type.Optional(IsoDate),
  planId: Type.Optional(Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'One plan; every plan when absent' })),
}, { additionalProperties: false })

export const WaitQuery = Type.Object({
  wait: Type.Optional(Type.Boolean({ default: false, description: 'Wait for the job to finish and answer with what it did' })),
}, { additionalProperties: false })

export const pipelineSharedSchemas = [EscalationSchema, NotificationSchema, DailyScanResultSchema, SummaryJobResultSchema]
