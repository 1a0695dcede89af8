import { Type } from 'typebox'
import { TASK_UNIT_ROLES } from '../db/schema/index.js'
import { DEADLINE_SOURCES, LIGHTS } from '../domain/lights.js'
import { TASK_STATUSES } from '../domain/task-status.js'
import { TASK_SORTS } from '../repositories/tasks.js'
import { Id, IsoDate, Limit, ref, IdRef, Nullable, Year } from './common.js'
import { AttachmentIds, Attachments } from './files.js'

const literals = <T extends string>(values: readonly T[]) => Type.Enum(values)
export const StatusSchema = literals(TASK_STATUSES)
export const LightSchema = literals(LIGHTS)
export const UnitRoleSchema = literals(TASK_UNIT_ROLES)

export const TargetSchema = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  year: Type.Integer(),
  description: Type.String(),
  value: Nullable(Type.Number()),
  measure: Nullable(Type.String()),
  dueOn: Type.String(),
}, { $id: 'Target', additionalProperties: false })

const Day = Type.String({ format: 'date' })
/** Why a light is not green; `days` are working days. */
export const LightReasonSchema = Type.Union([
  Type.Object({ kind: Type.Literal('overdue'), deadline: Day, days: Type.Integer({ description: 'working days past the deadline' }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('target_overdue'), targetId: Type.Integer(), dueOn: Day, actual: Nullable(Type.Number()), value: Type.Number() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('due_soon'), deadline: Day, days: Type.Integer({ description: 'working days left after today up to the deadline' }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('report_missing'), period: Type.String({ pattern: '^\\d{4}-\\d{2}$' }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('behind_schedule'), targetId: Type.Integer(), actual: Nullable(Type.Number()), expected: Type.Number({ description: '序时进度 on the day assessed' }) }, { additionalProperties: false }),
])

const idName = ref(IdRef)
const TaskFields = {
  id: Type.Integer(),
  planId: Type.Integer(),
  sectionId: Nullable(Type.Integer()),
  parentId: Nullable(Type.Integer()),
  number: Type.String(),
  title: Type.String(),
  description: Type.String(),
  deadline: Nullable(Type.String()),
  status: StatusSchema,
  percent: Type.Integer(),
  light: LightSchema,
  lightReasons: Type.Array(LightReasonSchema, { description: 'Why the light is not green, red reasons first' }),
  effectiveDeadline: Nullable(Type.String({ description: 'The deadline the light holds the task to' })),
  deadlineSource: Type.Enum(DEADLINE_SOURCES, { description: 'task: its own deadline; target: its nearest open yearly target; plan: the plan’s end' }),
  version: Type.Integer(),
  leadInferred: Type.Boolean(),
  units: Type.Object({ lead: Type.Array(idName), responsible: Type.Array(idName), cooperating: Type.Array(idName) }, { additionalProperties: false }),
  closedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}

export const TaskSummarySchema = Type.Object(TaskFields, { $id: 'TaskSummary', additionalProperties: false })
export const TaskSchema = Type.Object({ ...TaskFields, targets: Type.Array(ref(TargetSchema)), attachments: Attachments() }, { $id: 'Task', additionalProperties: false })

export const TargetInputSchema = Type.Object({
  year: Year,
  description: Type.String({ minLength: 1, maxLength: 1000 }),
  value: Type.Optional(Nullable(Type.Number({ minimum: -1e12, maximum: 1e12 }))),
  measure: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  dueOn: Type.Optional(Nullable(IsoDate)),
}, { additionalProperties: false })

const UnitIds = Type.Array(Id, { maxItems: 200, uniqueItems: true })

export const TaskCreateBody = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 20 }),
  title: Type.String({ minLength: 1, maxLength: 500 }),
  description: Type.Optional(Type.String({ maxLength: 20000 })),
  sectionId: Type.Optional(Nullable(Id)),
  parentId: Type.Optional(Nullable(Id)),
  deadline: Type.Optional(Nullable(IsoDate)),
  leadUnitIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true }),
  responsibleUnitIds: Type.Optional(UnitIds),
  cooperatingUnitIds: Type.Optional(UnitIds),
  leadInferred: Type.Optional(Type.Boolean()),
  targets: Type.Optional(Type.Array(TargetInputSchema, { maxItems: 100 })),
  attachmentIds: AttachmentIds,
}, { additionalProperties: false })

export const TaskPatchBody = Type.Partial(TaskCreateBody, { additionalProperties: false, minProperties: 1 })

export const TaskListQuery = Type.Object({
  planId: Type.Optional(Id),
  sectionId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  role: Type.Optional(UnitRoleSchema),
  status: Type.Optional(StatusSchema),
  light: Type.Optional(LightSchema),
  overdue: Type.Optional(Type.Boolean()),
  deadlineFrom: Type.Optional(IsoDate),
  deadlineTo: Type.Optional(IsoDate),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  sort: Type.Optional(Type.Enum(TASK_SORTS)),
  limit: Limit(200, 50),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false })

export const TaskListSchema = Type.Object({
  items: Type.Array(ref(TaskSummarySchema)),
  nextCursor: Nullable(Type.String()),
}, { $id: 'TaskList', additionalProperties: false })
