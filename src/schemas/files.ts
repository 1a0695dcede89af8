import { Type } from 'typebox'
import { FILE_OWNER_TYPES } from '../db/schema/index.js'
import { Id, IdRef, ref } from './common.js'

/** An evidence file (佐证材料) as every item that carries files lists it. */
export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: 'The original file name' }),
  size: Type.Integer({ description: 'Bytes' }),
  type: Type.String({ description: 'MIME type sniffed from the content' }),
}, { $id: 'Attachment', additionalProperties: false })

/** The `attachments` field of every item that carries files. */
export const Attachments = (description = 'Evidence files (佐证材料)') => Type.Array(ref(AttachmentSchema), { description })

/** The `attachmentIds` field of every request body that can attach files. */
export const AttachmentIds = Type.Optional(Type.Array(Id, {
  maxItems: 50,
  description: 'Evidence to attach: ids of your own uploads (POST /api/files) not attached yet. Once the item is submitted its files cannot change.',
}))

export const StoredFileSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  size: Type.Integer(),
  type: Type.String(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
}, { $id: 'StoredFile', additionalProperties: false })

export const TaskFileListSchema = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    size: Type.Integer(),
    type: Type.String(),
    ownerType: Type.Enum(FILE_OWNER_TYPES, { description: 'What carries the file: the task, a report, a completion request, an extension request or a notice reply' }),
    ownerId: Type.Integer(),
    uploader: ref(IdRef),
    createdAt: Type.String(),
  }, { additionalProperties: false })),
}, { $id: 'TaskFileList', additionalProperties: false })

export const fileSharedSchemas = [AttachmentSchema, StoredFileSchema, TaskFileListSchema]
