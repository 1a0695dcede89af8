import { Type } from 'typebox'
import { Nullable, ref } from './common.js'
import { Password, UserSchema } from './users.js'

export const SessionUserSchema = Type.Object({
  ...UserSchema.properties,
  unitName: Nullable(Type.String()),
}, { $id: 'SessionUser', additionalProperties: false })

export const SessionSchema = Type.Object({
  user: ref(SessionUserSchema),
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token on every request made with the cookie other than GET, HEAD and OPTIONS' }),
  mustChangePassword: Type.Boolean({ description: 'An initial or admin-reset password: only the password change is open until it is changed' }),
  passwordExpired: Type.Boolean({ description: 'Older than PASSWORD_MAX_AGE_DAYS: only the password change is open until it is changed' }),
  totpEnabled: Type.Boolean(),
  totpRequired: Type.Boolean({ description: 'The role requires a second factor and none is enrolled: only TOTP enrolment is open' }),
  expiresAt: Type.String({ description: 'Absolute end of the session' }),
  idleExpiresAt: Type.String({ description: 'The session ends then unless used before' }),
}, { $id: 'Session', additionalProperties: false })

export const SignInBody = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  totp: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'The 6-digit TOTP code, or one of the recovery codes' })),
}, { additionalProperties: false })

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Password,
}, { additionalProperties: false })

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'Base32 secret, for typing into an authenticator by hand' }),
  otpauthUrl: Type.String(),
  qrSvg: Type.String({ description: 'The otpauth URL as a QR code, an SVG document' }),
}, { additionalProperties: false })

export const TotpCodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false })

export const SessionListItemSchema = Type.Object({
  id: Type.Integer(), createdAt: Type.String(), lastSeenAt: Type.String(), expiresAt: Type.String(),
  ip: Nullable(Type.String()), userAgent: Nullable(Type.String()),
}, { additionalProperties: false })

export const sessionSharedSchemas = [SessionUserSchema, SessionSchema]
