import { Type } from 'typebox'
import { Nullable, ref } from './common.js'
import { InstructionSchema, NoticeSchema } from './supervision.js'
import { TaskSummarySchema, UnitRoleSchema } from './tasks.js'
import { ExtensionRequestSchema, Period, ReportSchema } from './workflow.js'

const task = ref(TaskSummarySchema)
const DueFields = {
  period: Type.String({ description: 'YYYY-MM' }),
  dueOn: Type.String({ description: "The period's reporting date (the plan's reporting day)" }),
  workingDaysLeft: Type.Integer({ description: 'Working days until the reporting date; 0 on the day, negative once past' }),
}

export const TodoSchema = Type.Object({
  asOf: Type.String(),
  toSign: Type.Array(Type.Object({ task, role: UnitRoleSchema }, { additionalProperties: false }), { description: '待签收: tasks dispatched to this unit as lead' }),
  reportsDue: Type.Array(Type.Object({ task, role: UnitRoleSchema, ...DueFields }, { additionalProperties: false }), { description: "This period's reports not yet submitted, soonest due first" }),
  returned: Type.Array(Type.Object({
    task, role: UnitRoleSchema,
    kind: Type.Enum(['completion', 'report'], { description: 'completion: 办结申请 returned (退回); report: a report returned for correction' }),
    reason: Nullable(Type.String()),
    at: Type.String(),
    reportId: Nullable(Type.Integer()),
    period: Nullable(Type.String()),
  }, { additionalProperties: false }), { description: 'Returned by the office, with its reason' }),
  decisions: Type.Array(Type.Object({ task, extension: ref(ExtensionRequestSchema) }, { additionalProperties: false }), { description: 'Extension requests decided in the last 30 days' }),
  notices: Type.Array(ref(NoticeSchema), { description: "督办单 to this unit awaiting its reply (反馈), soonest reply-by first" }),
  instructions: Type.Array(ref(InstructionSchema), { description: '批示 addressed to this unit that it has not reported 落实情况 on, soonest reply-by first' }),
  counts: Type.Object({
    toSign: Type.Integer(), reportsDue: Type.Integer(), returned: Type.Integer(), decisions: Type.Integer(), notices: Type.Integer(), instructions: Type.Integer(), total: Type.Integer(),
  }, { additionalProperties: false }),
}, { $id: 'Todo', additionalProperties: false, description: "待办: a unit user's work, as the navigation's badges count it" })

export const ReportContextSchema = Type.Object({
  taskId: Type.Integer(),
  role: UnitRoleSchema,
  due: Type.Object(DueFields, { additionalProperties: false }),
  targets: Type.Array(Type.Object({
    targetId: Type.Integer(),
    year: Type.Integer(),
    description: Type.String(),
    value: Nullable(Type.Number()),
    measure: Nullable(Type.String()),
    dueOn: Type.String(),
    actual: Nullable(Type.Number({ description: "Latest cumulative actual from a lead unit's report for the year" })),
    expectedToDate: Nullable(Type.Number({ description: '序时进度: value × elapsed share of the target year' })),
    completion: Nullable(Type.Number()),
    onPace: Nullable(Type.Boolean({ description: 'false: behind 序时进度' })),
  }, { additionalProperties: false })),
  mine: Type.Union([ref(ReportSchema), Type.Null()], { description: "This unit's report for the period, null before it reports" }),
  canReport: Type.Boolean(),
  contributions: Type.Array(ref(ReportSchema), { description: "Other units' reports for the period (the lead sees its partners' contributions)" }),
}, { $id: 'ReportContext', additionalProperties: false, description: '填报: what a unit needs to write its report for a period' })

export const ReportContextQuery = Type.Object({ period: Type.Optional(Period) }, { additionalProperties: false })

export const workspaceSharedSchemas = [TodoSchema, ReportContextSchema]
