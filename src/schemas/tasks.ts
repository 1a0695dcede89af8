import { Type } from 'typebox'
import { TASK_UNIT_ROLES } from '../db/schema/index.js'
import { LIGHTS } from '../domain/lights.js'
import { TASK_STATUSES } from '../domain/task-status.js'
import { TASK_SORTS } from '../repositories/tasks.js'
import { IsoDate, ref, IdRef } from './common.js'

const literals = <T extends string>(values: readonly T[]) => Type.Enum(values)
export const StatusSchema = literals(TASK_STATUSES)
export const LightSchema = literals(LIGHTS)
export const UnitRoleSchema = literals(TASK_UNIT_ROLES)

export const TargetSchema = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  year: Type.Integer(),
  description: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  measure: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.String(),
}, { $id: 'Target', additionalProperties: false })

const idName = ref(IdRef)
const TaskFields = {
  id: Type.Integer(),
  planId: Type.Integer(),
  sectionId: Type.Union([Type.Integer(), Type.Null()]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  number: Type.String(),
  title: Type.String(),
  description: Type.String(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  status: StatusSchema,
  percent: Type.Integer(),
  light: LightSchema,
  version: Type.Integer(),
  leadInferred: Type.Boolean(),
  units: Type.Object({ lead: Type.Array(idName), responsible: Type.Array(idName), cooperating: Type.Array(idName) }, { additionalProperties: false }),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}

export const TaskSummarySchema = Type.Object(TaskFields, { $id: 'TaskSummary', additionalProperties: false })
export const TaskSchema = Type.Object({ ...TaskFields, targets: Type.Array(ref(TargetSchema)) }, { $id: 'Task', additionalProperties: false })

export const TargetInputSchema = Type.Object({
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  description: Type.String({ minLength: 1, maxLength: 1000 }),
  value: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  measure: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  dueOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
}, { additionalProperties: false })

const UnitIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200, uniqueItems: true })

export const TaskCreateBody = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 20 }),
  title: Type.String({ minLength: 1, maxLength: 500 }),
  description: Type.Optional(Type.String({ maxLength: 20000 })),
  sectionId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  deadline: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  leadUnitIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 20, uniqueItems: true }),
  responsibleUnitIds: Type.Optional(UnitIds),
  cooperatingUnitIds: Type.Optional(UnitIds),
  leadInferred: Type.Optional(Type.Boolean()),
  targets: Type.Optional(Type.Array(TargetInputSchema, { maxItems: 100 })),
}, { additionalProperties: false })

export const TaskPatchBody = Type.Partial(TaskCreateBody, { additionalProperties: false, minProperties: 1 })

export const TaskListQuery = Type.Object({
  planId: Type.Optional(Type.Integer({ minimum: 1 })),
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  role: Type.Optional(UnitRoleSchema),
  status: Type.Optional(StatusSchema),
  light: Type.Optional(LightSchema),
  overdue: Type.Optional(Type.Boolean()),
  deadlineFrom: Type.Optional(IsoDate),
  deadlineTo: Type.Optional(IsoDate),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  sort: Type.Optional(Type.Enum(TASK_SORTS)),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false })

export const TaskListSchema = Type.Object({
  items: Type.Array(ref(TaskSummarySchema)),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
}, { $id: 'TaskList', additionalProperties: false })
