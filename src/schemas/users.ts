import { Type } from 'typebox'
import { Nullable } from './common.js'
import { ROLES } from '../db/schema/index.js'
import { MAX_PASSWORD_LENGTH } from '../domain/password-rules.js'

export const RoleSchema = Type.Enum(ROLES)

export const Login = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$', description: 'Sign-in name: 3–64 of A–Z a–z 0–9 . _ @ -' })
/** Length and classes are checked by the password rules, which answer in Chinese naming the rule. */
export const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH })

export const UserSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Nullable(Type.String()),
  role: RoleSchema,
  unitId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  login: Nullable(Type.String()),
  totpEnabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ description: 'Sign-in is refused until then (after 5 failed attempts)' })),
}, { $id: 'User', additionalProperties: false })

export const UserCreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  role: RoleSchema,
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  login: Type.Optional(Login),
  password: Type.Optional({ ...Password, description: 'Initial password: the user must change it at the first sign-in' }),
}, { additionalProperties: false })

export const UserPatchBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  role: Type.Optional(RoleSchema),
  unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  login: Type.Optional(Login),
  password: Type.Optional({ ...Password, description: 'Admin reset: the user must change it at the next sign-in; ends its sessions' }),
}, { additionalProperties: false, minProperties: 1 })
