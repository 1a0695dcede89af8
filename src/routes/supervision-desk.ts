import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ESCALATION_STATUSES, type EscalationLevel } from '../db/schema/index.js'
import { NOTICE_COLOUR_LABELS } from '../domain/supervision.js'
import { notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import type { NoticesRepository, Notice } from '../repositories/notices.js'
import { createSupervisionDeskRepository } from '../repositories/supervision-desk.js'
import { Id, IdParams, problems, ref } from '../schemas/common.js'
import { Cursor, EscalationSchema } from '../schemas/pipeline.js'
import { NoticeListQuery, NoticeSchema } from '../schemas/supervision.js'
import { TaskSummarySchema } from '../schemas/tasks.js'
import { ESCALATION_STATUS_LABELS, LIGHT_LABELS, STATUS_LABELS } from '../summaries/labels.js'
import { writeSheets, XLSX_MEDIA_TYPE, type Sheet } from '../supervision/xlsx.js'

const tags = ['supervision desk']
/** The desk and a unit's page are for the supervision office, the office and leaders (and admins). */
const STAFF = ['supervisor', 'office', 'leader', 'admin'] as const
const EXPORT_ROWS = 10_000
const LEVEL_WORDS: Record<number, string> = { 1: 'L1 催办', 2: 'L2 督办', 3: 'L3 领导督办' }
const NOTICE_STATUS_WORDS: Record<string, string> = { open: '待反馈', replied: '待审核', accepted: '已通过' }
const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

const EscalationQuery = Type.Object({
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  status: Type.Optional(Type.Enum(ESCALATION_STATUSES)),
  open: Type.Optional(Type.Boolean({ description: 'Not yet resolved' })),
  unitId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Cursor,
}, { additionalProperties: false })

const DeskEscalationSchema = Type.Object({
  ...EscalationSchema.properties,
  taskNumber: Type.String(), taskTitle: Type.String(), planId: Type.Integer(),
  leadUnits: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }, { additionalProperties: false })),
}, { additionalProperties: false })

const UnitScoreSchema = Type.Object({
  summaryId: Type.Integer(), planId: Type.Integer(), planTitle: Type.String(), period: Type.String(),
  rank: Type.Integer(), unitsRanked: Type.Integer(), score: Type.Number(), tasksLed: Type.Integer(), overdue: Type.Integer(),
}, { additionalProperties: false })

const xlsxResponse = { 200: { description: 'The list as an Excel workbook', content: { [XLSX_MEDIA_TYPE]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } } }

const noticeRows = (items: Notice[]) => items.map((n) => [n.number, NOTICE_COLOUR_LABELS[n.colour], n.unitName, `${n.taskNumber}. ${n.taskTitle}`, n.problem, n.issuedOn, n.replyBy,
  NOTICE_STATUS_WORDS[n.status] ?? n.status, n.overdue ? '逾期未反馈' : '', n.lastReply ?? ''])
const NOTICE_SHEET = { columns: ['编号', '颜色', '主送单位', '任务', '存在问题', '发出日期', '反馈时限', '状态', '逾期', '最近反馈'], widths: [22, 8, 18, 40, 40, 12, 12, 10, 12, 40] }

/** 督办台 and 单位情况: escalations with their tasks, a unit's overdue tasks, open notices and scores, and the same as .xlsx. */
export function supervisionDeskRoutes(notices: NoticesRepository): FastifyPluginAsyncTypebox {
  return async (app) => {
    const desk = createSupervisionDeskRepository(app.db)

    app.get('/api/supervision/escalations', {
      config: { roles: STAFF },
      schema: {
        tags, summary: 'Escalations with their task and lead units, newest first (the desk\'s list)', querystring: EscalationQuery,
        response: { 200: Type.Object({ items: Type.Array(DeskEscalationSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 403) },
      },
    }, async (request) => {
      const { cursor, level, ...filter } = request.query
      const page = desk.escalations({ ...filter, level: level as EscalationLevel | undefined, afterId: cursor ? Number(cursor) : undefined })
      return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) }
    })

    app.get('/api/supervision/escalations/export', {
      config: { roles: STAFF },
      schema: { tags, summary: 'The desk\'s escalations as .xlsx', querystring: Type.Omit(EscalationQuery, ['limit', 'cursor']), response: { ...xlsxResponse, ...problems(400, 403) } },
    }, async (request, reply) => {
      const { level, ...filter } = request.query
      const { items } = desk.escalations({ ...filter, level: level as EscalationLevel | undefined, limit: EXPORT_ROWS })
      const body = await writeSheets([{
        name: '督办', columns: ['级别', '任务', '牵头单位', '完成时限', '发起日期', '原因', '状态', '处理意见'], widths: [14, 40, 20, 12, 12, 16, 10, 40],
        rows: items.map((e) => [LEVEL_WORDS[e.level] ?? String(e.level), `${e.taskNumber}. ${e.taskTitle}`, e.leadUnits.map((u) => u.name).join('、'), e.deadline ?? '',
          e.openedOn, e.reason === 'overdue' ? '逾期' : '连续两期未报送', ESCALATION_STATUS_LABELS[e.status] ?? e.status, e.note ?? '']),
      }])
      return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment('督办台-督办.xlsx', 'escalations.xlsx')).send(body)
    })

    app.get('/api/supervision/notices/export', {
      config: { roles: STAFF },
      schema: { tags, summary: 'Notices (督办单) as .xlsx, with the list\'s filters', querystring: Type.Omit(NoticeListQuery, ['limit', 'cursor']), response: { ...xlsxResponse, ...problems(400, 403) } },
    }, async (request, reply) => {
      const { items } = notices.list({ ...request.query, limit: EXPORT_ROWS }, viewerOf(request))
      const body = await writeSheets([{ name: '督办单', ...NOTICE_SHEET, rows: noticeRows(items) }])
      return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment('督办台-督办单.xlsx', 'notices.xlsx')).send(body)
    })

    const unitStatus = (unitId: number, viewer: ReturnType<typeof viewerOf>) => {
      const unit = app.repos.units.get(unitId)
      if (!unit) throw notFound(`Unit ${unitId}`)
      return {
        unit: { id: unit.id, name: unit.name },
        overdueTasks: app.repos.tasks.list({ unitId, role: 'lead', overdue: true, sort: 'deadline', limit: 500 }, viewer).items,
        openNotices: notices.list({ unitId, limit: 500 }, viewer).items.filter((n) => n.status !== 'accepted'),
        scores: desk.scores(unitId),
      }
    }

    app.get('/api/supervision/units/:id', {
      config: { roles: STAFF },
      schema: {
        tags, summary: '单位情况: the unit\'s overdue lead tasks, its notices not yet accepted and its score in each quarterly notice', params: IdParams,
        response: {
          200: Type.Object({
            unit: Type.Object({ id: Type.Integer(), name: Type.String() }, { additionalProperties: false }),
            overdueTasks: Type.Array(ref(TaskSummarySchema)),
            openNotices: Type.Array(ref(NoticeSchema)),
            scores: Type.Array(UnitScoreSchema, { description: 'From the stored quarterly notices, oldest quarter first' }),
          }, { additionalProperties: false }),
          ...problems(400, 403, 404),
        },
      },
    }, async (request) => unitStatus(request.params.id, viewerOf(request)))

    app.get('/api/supervision/units/:id/export', {
      config: { roles: STAFF },
      schema: { tags, summary: '单位情况 as .xlsx: overdue tasks, open notices and scores, a sheet each', params: IdParams, response: { ...xlsxResponse, ...problems(400, 403, 404) } },
    }, async (request, reply) => {
      const s = unitStatus(request.params.id, viewerOf(request))
      const sheets: Sheet[] = [
        {
          name: '逾期任务', columns: ['任务编号', '任务名称', '完成时限', '状态', '亮灯'], widths: [10, 50, 12, 10, 8],
          rows: s.overdueTasks.map((t) => [t.number, t.title, t.deadline ?? '', STATUS_LABELS[t.status], LIGHT_LABELS[t.light]]),
        },
        { name: '督办单', ...NOTICE_SHEET, rows: noticeRows(s.openNotices) },
        {
          name: '考核得分', columns: ['季度', '计划', '名次', '参评单位', '得分', '牵头任务', '逾期'], widths: [10, 40, 8, 10, 8, 10, 8],
          rows: s.scores.map((x) => [x.period, x.planTitle, x.rank, x.unitsRanked, x.score, x.tasksLed, x.overdue]),
        },
      ]
      return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment(`单位情况-${s.unit.name}.xlsx`, `unit-${s.unit.id}.xlsx`)).send(await writeSheets(sheets))
    })
  }
}
