import { Type } from 'typebox'
import { INSTRUCTION_TARGETS, NOTICE_ACTIONS, NOTICE_COLOURS, NOTICE_STATUSES } from '../db/schema/index.js'
import { Id, IsoDate, Nullable } from './common.js'
import { AttachmentIds, Attachments } from './files.js'
import { Cursor } from './pipeline.js'

const Text = (description: string, maxLength = 4000) => Type.String({ minLength: 1, maxLength, description })
const Colour = Type.Enum(NOTICE_COLOURS, { description: 'blue 蓝 before the deadline · yellow 黄 behind schedule · red 红 overdue' })
const NoticeStatus = Type.Enum(NOTICE_STATUSES, { description: 'open: awaiting the reply (反馈) · replied: awaiting review · accepted' })

const NoticeFields = {
  id: Type.Integer(),
  year: Type.Integer(),
  seq: Type.Integer({ description: 'Per year, from 1, without gaps' }),
  number: Type.String({ description: '督办〔2026〕第12号' }),
  taskId: Type.Integer(),
  taskNumber: Type.String(),
  taskTitle: Type.String(),
  planId: Type.Integer(),
  unitId: Type.Integer({ description: 'The lead unit addressed' }),
  unitName: Type.String(),
  colour: Colour,
  problem: Type.String(),
  requirement: Type.String(),
  issuedOn: Type.String(),
  replyBy: Type.String(),
  status: NoticeStatus,
  overdue: Type.Boolean({ description: 'Open past its reply-by date' }),
  escalationId: Nullable(Type.Integer({ description: 'The L2 escalation that opened it; null when issued by hand' })),
  issuedBy: Nullable(Type.Integer({ description: 'Null for the daily scan' })),
  issuedByName: Nullable(Type.String()),
  escalatedOn: Nullable(Type.String({ description: 'When its lapse was escalated to the leaders (L3)' })),
  lastReply: Nullable(Type.String()),
  lastReplyAt: Nullable(Type.String()),
  lastReplyAttachments: Attachments("The latest reply's evidence files (佐证材料)"),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}

export const NoticeSchema = Type.Object(NoticeFields, { $id: 'Notice', additionalProperties: false })

export const NoticeDetailSchema = Type.Object({
  ...NoticeFields,
  history: Type.Array(Type.Object({
    id: Type.Integer(),
    action: Type.Enum(NOTICE_ACTIONS),
    actorId: Nullable(Type.Integer()),
    actorName: Nullable(Type.String()),
    text: Nullable(Type.String({ description: 'The reply, the acceptance comment or the reason for asking again' })),
    replyBy: Nullable(Type.String()),
    at: Type.String(),
    attachments: Attachments("A reply's evidence files (佐证材料); empty for the other actions"),
  }, { additionalProperties: false })),
}, { $id: 'NoticeDetail', additionalProperties: false })

export const NoticeCreateBody = Type.Object({
  taskId: Id,
  problem: Text('存在问题'),
  requirement: Text('督办要求'),
  replyBy: Type.Optional({ ...IsoDate, description: `反馈时限; default: 5 working days from today` }),
}, { additionalProperties: false })

export const NoticeListQuery = Type.Object({
  status: Type.Optional(NoticeStatus),
  colour: Type.Optional(Colour),
  unitId: Type.Optional(Id),
  taskId: Type.Optional(Id),
  overdue: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Cursor,
}, { additionalProperties: false })

export const NoticeFormatQuery = Type.Object({
  format: Type.Enum(['json', 'docx'] as const, { default: 'json', description: 'json, or the notice as a Word file' }),
}, { additionalProperties: false })

export const NoticeReplyBody = Type.Object({
  text: Text('反馈: what the unit has done'),
  attachmentIds: AttachmentIds,
}, { additionalProperties: false })

export const NoticeAcceptBody = Type.Object({ comment: Type.Optional(Text('审核意见', 2000)) }, { additionalProperties: false })

export const NoticeReopenBody = Type.Object({
  reason: Text('Why the reply is not enough', 2000),
  replyBy: Type.Optional({ ...IsoDate, description: 'New 反馈时限; default: 5 working days from today' }),
}, { additionalProperties: false })

export const InstructionSchema = Type.Object({
  id: Type.Integer(),
  targetType: Type.Enum(INSTRUCTION_TARGETS),
  targetId: Type.Integer(),
  targetName: Type.String(),
  planId: Nullable(Type.Integer()),
  text: Type.String(),
  issuedOn: Type.String(),
  replyBy: Type.String(),
  issuedBy: Type.Integer(),
  issuedByName: Type.String(),
  status: Type.Enum(['open', 'overdue', 'answered'] as const),
  answeredAt: Nullable(Type.String()),
  createdAt: Type.String(),
  units: Type.Array(Type.Object({ unitId: Type.Integer(), name: Type.String(), reportedAt: Nullable(Type.String()) }, { additionalProperties: false })),
}, { $id: 'Instruction', additionalProperties: false })

export const InstructionDetailSchema = Type.Object({
  ...InstructionSchema.properties,
  reports: Type.Array(Type.Object({
    id: Type.Integer(), unitId: Type.Integer(), unitName: Type.String(), text: Type.String(), reportedBy: Type.Integer(), reportedByName: Type.String(), at: Type.String(),
  }, { additionalProperties: false })),
}, { $id: 'InstructionDetail', additionalProperties: false })

export const InstructionCreateBody = Type.Object({
  targetType: Type.Enum(INSTRUCTION_TARGETS),
  targetId: Id,
  text: Text('批示'),
  replyBy: Type.Optional({ ...IsoDate, description: 'When 落实情况 is due; default: 10 working days from today' }),
}, { additionalProperties: false })

export const InstructionReportBody = Type.Object({ text: Text('落实情况') }, { additionalProperties: false })

export const InstructionListQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'overdue', 'answered'] as const, { description: 'open: not yet answered and not overdue' })),
  targetType: Type.Optional(Type.Enum(INSTRUCTION_TARGETS)),
  planId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Cursor,
}, { additionalProperties: false })

export const supervisionSharedSchemas = [NoticeSchema, NoticeDetailSchema, InstructionSchema, InstructionDetailSchema]
