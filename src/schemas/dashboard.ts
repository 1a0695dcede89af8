import { Type } from 'typebox'
import { LIGHTS } from '../domain/lights.js'
import { TASK_STATUSES } from '../domain/task-status.js'
import { Nullable, ref, IdRef } from './common.js'
import { UnitScore } from './summaries.js'
import { LightSchema, StatusSchema } from './tasks.js'

const Int = Type.Integer()
const Str = Type.String()
const Strict = <T extends Parameters<typeof Type.Object>[0]>(fields: T, options: Parameters<typeof Type.Object>[1] = {}) => Type.Object(fields, { additionalProperties: false, ...options })

export const TaskFilterSchema = Strict({
  planId: Type.Optional(Int), status: Type.Optional(StatusSchema), light: Type.Optional(LightSchema), overdue: Type.Optional(Type.Boolean()),
  unitId: Type.Optional(Int), role: Type.Optional(Type.Literal('lead')),
}, { description: 'The GET /api/tasks query that lists the tasks behind a figure' })
const filter = TaskFilterSchema
const Figure = Strict({ count: Int, filter })
const Rate = Nullable(Type.Number({ minimum: 0, description: 'A share 0–1; null when there is nothing to divide by' }))
const countsOf = <T extends string>(keys: readonly T[]) => Strict(Object.fromEntries(keys.map((k) => [k, Figure])) as Record<T, typeof Figure>)

const DashboardTarget = Strict({
  targetId: Int, taskId: Int, taskNumber: Str, taskTitle: Str, description: Str, measure: Nullable(Str), year: Int, dueOn: Str,
  value: Type.Number(), actual: Nullable(Type.Number()), expectedToDate: Type.Number({ description: '序时进度' }), completion: Nullable(Type.Number()), onPace: Type.Boolean(),
})
const TrendPoint = Strict({
  month: Str, asOf: Type.String({ description: 'The day counted: the month’s last, or today for this month' }),
  closed: Int, overdue: Int, red: Int,
  filters: Nullable(Strict({ closed: filter, overdue: filter, red: filter }, { description: 'For this month only: the lists behind the figures today' })),
})
const Instruction = Strict({
  id: Int, text: Str, targetType: Str, targetId: Int, target: Nullable(Str), issuedOn: Str, replyBy: Str, answered: Type.Boolean(), overdue: Type.Boolean(), leader: Str,
  units: Type.Array(Strict({ id: Int, name: Str, reportedAt: Nullable(Str), latestReport: Nullable(Type.String({ description: '落实情况' })) })),
})

export const DashboardSchema = Strict({
  planId: Nullable(Int),
  asOf: Str,
  total: Figure,
  byStatus: countsOf(TASK_STATUSES),
  byLight: countsOf(LIGHTS),
  rates: Strict({
    completion: Strict({ rate: Rate, closed: Figure, of: Type.Integer({ description: 'Tasks dispatched and not cancelled' }) }),
    onTime: Strict({ rate: Rate, closedOnTime: Type.Integer({ description: 'Closed by the deadline in force, or without one' }), closed: Figure }),
  }),
  overdueByUnit: Strict({ units: Type.Array(Strict({ unit: ref(IdRef), count: Int, filter })), unitCount: Type.Integer({ description: 'Lead units with an overdue task' }) }),
  targets: Strict({ year: Int, total: Int, behind: Int, items: Type.Array(DashboardTarget, { description: 'The targets furthest behind their 序时进度 first' }) }),
  trend: Type.Array(TrendPoint, { description: 'Month by month since the plan began, from history: closed, overdue and red at each month’s end' }),
  ranking: Nullable(Strict({ summaryId: Int, planId: Int, period: Str, title: Str, units: Type.Array(UnitScore) }, { description: 'The latest quarterly notice’s ranking' })),
  instructions: Strict({ open: Int, overdue: Int, answered: Int, items: Type.Array(Instruction) }),
}, { description: 'The leaders’ dashboard (驾驶舱)' })
