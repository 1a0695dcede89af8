import { Type } from 'typebox'
import { Id, Nullable } from './common.js'
import { ROLES } from '../db/schema/index.js'

export const RoleSchema = Type.Enum(ROLES)

export const UserSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Nullable(Type.String()),
  role: RoleSchema,
  unitId: Nullable(Type.Integer()),
  createdAt: Type.String(),
}, { $id: 'User', additionalProperties: false })

export const UserCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  role: RoleSchema,
  unitId: Type.Optional(Id),
}, { additionalProperties: false })
