import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './columns.js'
import { units } from './units.js'

export const ROLES = ['admin', 'office', 'unit', 'supervisor', 'leader'] as const
export type Role = (typeof ROLES)[number]

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  email: text('email'),
  role: text('role', { enum: ROLES }).notNull(),
  unitId: integer('unit_id').references(() => units.id),
  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  /** Sign-in name for the console; null for users that only use the API token. */
  login: text('login').unique(),
  /** `scrypt$N$r$p$salt$hash` (see src/auth/passwords.ts); null when the user has no password. */
  passwordHash: text('password_hash'),
  passwordChangedAt: text('password_changed_at'),
  /** An initial or admin-reset password: the user must change it at the next sign-in. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: text('locked_until'),
  /** Base32 TOTP secret once enrolment is confirmed; `totpPendingSecret` while it is being enrolled. */
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  /** The last TOTP time step accepted, so a code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
}, (t) => [index('users_role_idx').on(t.role), index('users_unit_idx').on(t.unitId)])
