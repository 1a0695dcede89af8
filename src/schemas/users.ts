import { Type } from 'typebox'
import { ROLES } from '../db/schema/index.js'

export const RoleSchema = Type.Enum(ROLES)

export const UserSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
}, { $id: 'User', additionalProperties: false })

export const UserCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  role: RoleSchema,
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false })
