import { Type } from 'typebox'
import { Id, Nullable } from './common.js'
import { UNIT_KINDS } from '../db/schema/index.js'

const UnitKind = Type.Enum(UNIT_KINDS)
const Email = Type.String({ format: 'email', maxLength: 200 })

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: UnitKind,
  aliases: Type.Array(Type.String()),
  contactEmails: Type.Array(Type.String()),
  parentId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { $id: 'Unit', additionalProperties: false })

export const UnitCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Type.Optional(UnitKind),
  aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true })),
  contactEmails: Type.Optional(Type.Array(Email, { maxItems: 50, uniqueItems: true })),
  parentId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false })

export const UnitPatchBody = Type.Partial(UnitCreateBody, { additionalProperties: false, minProperties: 1 })
export { UnitKind }
