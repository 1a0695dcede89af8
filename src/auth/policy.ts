import type { Config } from '../config.js'
import type { Role } from '../db/schema/index.js'

/** The sign-in rules the configuration sets; the auth plugin decorates the app with them. */
export interface SessionPolicy {
  idleMs: number
  maxMs: number
  passwordMaxAgeDays: number
  requireTotpRoles: readonly Role[]
  signInPerMinute: number
  maxFailures: number
  lockMs: number
}

export function sessionPolicyOf(config: Config): SessionPolicy {
  return {
    idleMs: config.sessionIdleMinutes * 60_000,
    maxMs: config.sessionMaxHours * 3_600_000,
    passwordMaxAgeDays: config.passwordMaxAgeDays,
    requireTotpRoles: config.requireTotpRoles,
    signInPerMinute: config.signInPerMinute,
    maxFailures: 5,
    lockMs: 15 * 60_000,
  }
}
