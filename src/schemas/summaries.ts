import { Type, type TSchema } from 'typebox'
import { DEADLINE_SOURCES, LIGHTS } from '../domain/lights.js'
import { PERIOD_FORMATS, SUMMARY_KINDS } from '../domain/summaries/period.js'
import { TASK_STATUSES } from '../domain/task-status.js'
import { SUMMARY_FORMATS } from '../summaries/render.js'
import { Id, Limit, Nullable, ref } from './common.js'
import { LightReasonSchema } from './tasks.js'

const Int = Type.Integer()
const Str = Type.String()
const Strict = <T extends Record<string, TSchema>>(props: T, options: Record<string, unknown> = {}) => Type.Object(props, { additionalProperties: false, ...options })

export const SummaryKindSchema = Type.Enum(SUMMARY_KINDS, { description: 'monthly 月调度 · quarterly 季度通报 · annual 年度考核' })
const periodHelp = SUMMARY_KINDS.map((k) => `${k}: ${PERIOD_FORMATS[k].example}`).join(', ')

export const SummaryCreateBody = Strict({
  kind: SummaryKindSchema,
  planId: Id,
  period: Type.String({ minLength: 4, maxLength: 7, description: `The period, written per kind — ${periodHelp}` }),
})

export const SummaryListQuery = Strict({
  planId: Type.Optional(Id),
  kind: Type.Optional(SummaryKindSchema),
  period: Type.Optional(Type.String({ minLength: 4, maxLength: 7 })),
  limit: Limit(200, 50),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 12, description: 'nextCursor of the previous page' })),
})

export const SummaryFormatQuery = Strict({
  format: Type.Enum(SUMMARY_FORMATS, { default: 'json', description: 'json: the content · md, html: the document · docx: the Word file to circulate' }),
})

const MetaFields = {
  id: Int,
  kind: SummaryKindSchema,
  planId: Int,
  period: Str,
  title: Str,
  contentHash: Type.String({ description: 'SHA-256 of the content: equal for equal content' }),
  generatedAt: Str,
  generatedBy: Nullable(Int),
}

export const SummaryMetaSchema = Strict(MetaFields, { $id: 'SummaryMeta', description: 'A summary without its content: the newest per kind, plan and period is in force' })
export const SummaryListSchema = Strict({ items: Type.Array(ref(SummaryMetaSchema)), nextCursor: Nullable(Str) }, { $id: 'SummaryList' })

const countsOf = (keys: readonly string[]) => Strict(Object.fromEntries(keys.map((k) => [k, Int])))
const Status = Type.Enum(TASK_STATUSES)
const HeaderFields = {
  planId: Int, planTitle: Str, docNumber: Nullable(Str), period: Str, periodName: Str, from: Str, to: Str,
  asOf: Type.String({ description: 'The day the figures speak for: the period end, or today while it runs' }),
  title: Str, issuedBy: Str,
}
const Overview = Strict({ total: Int, byStatus: countsOf(TASK_STATUSES), byLight: countsOf(LIGHTS) })
const TaskFields = { taskId: Int, number: Str, title: Str, leadUnits: Type.Array(Str) }

const ClosedTask = Strict({ ...TaskFields, deadline: Nullable(Str), closedOn: Str, onTime: Type.Boolean() })
const LitTaskFields = {
  ...TaskFields,
  deadline: Type.String({ description: 'The deadline the light held the task to on asOf' }),
  deadlineSource: Type.Enum(DEADLINE_SOURCES, { description: 'task: its own deadline; target: its nearest open yearly target; plan: the plan’s end' }),
  status: Status,
  reasons: Type.Array(LightReasonSchema, { description: 'Why the light was not green on asOf, red reasons first' }),
}
const OverdueTask = Strict({
  ...LitTaskFields,
  workingDaysOverdue: Type.Integer({ description: 'Working days past the deadline on asOf; 0 when only a yearly target made it red' }),
  escalationLevel: Type.Integer({ minimum: 0, maximum: 3 }),
}, { description: 'A task lit red on asOf' })
const WarningTask = Strict(LitTaskFields, { description: 'A task lit yellow (预警) on asOf' })
const MissedReports = Strict({ unitId: Int, unit: Str, due: Int, missing: Int, taskNumbers: Type.Array(Str) })
const TargetFields = {
  targetId: Int, taskId: Int, taskNumber: Str, description: Str, measure: Nullable(Str), value: Nullable(Type.Number()), actual: Nullable(Type.Number()),
}
const TargetProgress = Strict({
  ...TargetFields,
  expectedToDate: Nullable(Type.Number({ description: '序时进度: value × elapsed share of the year' })),
  completionPercent: Nullable(Type.Number()), expectedPercent: Type.Number(), behind: Nullable(Type.Boolean()),
})
const Problem = Strict({ taskId: Int, taskNumber: Str, unitId: Int, unit: Str, month: Str, problems: Str })
export const UnitScore = Strict({
  rank: Int, unitId: Int, unit: Str, tasksLed: Int, closedOnTime: Int, closedLate: Int, overdue: Int,
  reportsDue: Int, reportsOnTime: Int, reportsLate: Int, reportsMissing: Int, escalationsL2: Int, escalationsL3: Int,
  score: Type.Number({ minimum: 0, maximum: 100, description: 'See the README: Summaries and the quarterly score' }),
})
const Verdict = Strict({ unitId: Int, unit: Str, reasons: Type.Array(Str) })
const EscalatedTask = Strict({ ...TaskFields, deadline: Nullable(Str), openedOn: Str, escalationStatus: Str, status: Status })
const TargetResult = Strict({
  ...TargetFields,
  completionPercent: Nullable(Type.Number()), met: Nullable(Type.Boolean()),
})
const Instruction = Strict({
  instructionId: Int, issuedOn: Str, leader: Str, target: Str, text: Str, units: Type.Array(Str), unitsPending: Type.Array(Str), replyBy: Str,
  overdue: Type.Boolean({ description: 'Past its reply-by date' }),
}, { description: 'A leader\'s instruction (批示) still awaiting 落实情况' })
const AssessmentFields = {
  overview: Overview, units: Type.Array(UnitScore), praised: Type.Array(Verdict), criticised: Type.Array(Verdict), escalatedTasks: Type.Array(EscalatedTask),
}

export const MonthlyContentSchema = Strict({
  kind: Type.Enum(['monthly']), ...HeaderFields, overview: Overview, closed: Type.Array(ClosedTask), overdue: Type.Array(OverdueTask), warnings: Type.Array(WarningTask),
  missedReports: Type.Array(MissedReports), targets: Type.Array(TargetProgress), problems: Type.Array(Problem),
  instructions: Type.Array(Instruction),
}, { $id: 'MonthlySummaryContent', description: '月调度' })
export const QuarterlyContentSchema = Strict({ kind: Type.Enum(['quarterly']), ...HeaderFields, ...AssessmentFields, instructions: Type.Array(Instruction) }, { $id: 'QuarterlySummaryContent', description: '季度通报' })
export const AnnualContentSchema = Strict({
  kind: Type.Enum(['annual']), ...HeaderFields, ...AssessmentFields, targets: Type.Array(TargetResult),
}, { $id: 'AnnualSummaryContent', description: '年度考核' })

export const SummarySchema = Strict({
  ...MetaFields,
  content: Type.Union([ref(MonthlyContentSchema), ref(QuarterlyContentSchema), ref(AnnualContentSchema)]),
}, { $id: 'Summary' })

/** Registered with `$id` (src/schemas/index.ts); dependencies first. */
export const summarySharedSchemas = [SummaryMetaSchema, SummaryListSchema, MonthlyContentSchema, QuarterlyContentSchema, AnnualContentSchema, SummarySchema]
