import type { Role } from '../db/schema/index.js'
import { PASSWORD_HISTORY } from '../domain/password-rules.js'
import { createAuditRecorder } from './audit.js'
import type { Db } from './db-types.js'

/** What sign-in needs to know about a user. */
export interface Credentials {
  id: number
  login: string
  role: Role
  passwordHash: string | null
  passwordChangedAt: string | null
  mustChangePassword: boolean
  failedSignIns: number
  lockedUntil: string | null
  totpSecret: string | null
  totpPendingSecret: string | null
  totpLastStep: number | null
}

/** A live session with its user, as the auth hook resolves it from the cookie. */
export interface SessionRow {
  sessionId: number
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  userId: number
  name: string
  role: Role
  unitId: number | null
  mustChangePassword: boolean
  passwordChangedAt: string | null
  totpEnabled: boolean
}

export interface SessionListItem { id: number; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; userAgent: string | null }

export interface NewSession { userId: number; tokenHash: string; now: string; expiresAt: string; ip: string | null; userAgent: string | null }

const CREDENTIALS = `SELECT id, login, role, password_hash AS passwordHash, password_changed_at AS passwordChangedAt,
  must_change_password AS mustChangePassword, failed_sign_ins AS failedSignIns, locked_until AS lockedUntil,
  totp_secret AS totpSecret, totp_pending_secret AS totpPendingSecret, totp_last_step AS totpLastStep FROM users`

const asCredentials = (row: Credentials | undefined) => (row ? { ...row, mustChangePassword: Boolean(row.mustChangePassword) } : undefined)

/**
 * Sessions, failed sign-ins, password history and the second factor. Statements are prepared once: the
 * session lookup runs on every request made with the cookie. Each change is one transaction with its audit entry.
 */
export function createSessionsRepository(db: Db) {
  const c = db.$client
  const audit = createAuditRecorder(db)
  const byLogin = c.prepare<[string], Credentials>(`${CREDENTIALS} WHERE login = ?`)
  const byId = c.prepare<[number], Credentials>(`${CREDENTIALS} WHERE id = ?`)
  const live = c.prepare<[string, string, string], SessionRow>(`
    SELECT s.id AS sessionId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt,
      u.id AS userId, u.name, u.role, u.unit_id AS unitId, u.must_change_password AS mustChangePassword,
      u.password_changed_at AS passwordChangedAt, u.totp_secret IS NOT NULL AS totpEnabled
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?`)
  const touch = c.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?')
  const insertSession = c.prepare('INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const deleteSession = c.prepare('DELETE FROM sessions WHERE id = ?')
  const deleteUserSessions = c.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?')
  const purgeStale = c.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
  const listSessions = c.prepare<[number, string, string], SessionListItem>(`SELECT id, created_at AS createdAt, last_seen_at AS lastSeenAt,
    expires_at AS expiresAt, ip, user_agent AS userAgent FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY id DESC`)
  const setFailures = c.prepare('UPDATE users SET failed_sign_ins = ?, locked_until = ? WHERE id = ?')
  const lockState = c.prepare<[number], { failedSignIns: number; lockedUntil: string | null }>('SELECT failed_sign_ins AS failedSignIns, locked_until AS lockedUntil FROM users WHERE id = ?')
  const setHash = c.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
  const setPassword = c.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, must_change_password = ?, failed_sign_ins = 0, locked_until = NULL WHERE id = ?')
  const history = c.prepare<[number, number], string>('SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?').pluck()
  const addHistory = c.prepare('INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)')
  const pruneHistory = c.prepare(`DELETE FROM password_history WHERE user_id = ? AND id NOT IN
    (SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?)`)
  const setPending = c.prepare('UPDATE users SET totp_pending_secret = ? WHERE id = ?')
  const enableTotp = c.prepare('UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ? WHERE id = ? AND totp_pending_secret = ?')
  const disableTotp = c.prepare('UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL WHERE id = ?')
  const useStep = c.prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)')
  const clearCodes = c.prepare('DELETE FROM recovery_codes WHERE user_id = ?')
  const addCode = c.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)')
  const useCode = c.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
  const tx = <A extends unknown[], R>(fn: (...args: A) => R) => c.transaction(fn)

  return {
    credentialsByLogin: (login: string) => asCredentials(byLogin.get(login)),
    credentialsById: (id: number) => asCredentials(byId.get(id)),

    /** The session of this token hash if it has neither outlived its absolute nor its idle limit. */
    live(tokenHash: string, now: string, idleCutoff: string): SessionRow | undefined {
      const row = live.get(tokenHash, now, idleCutoff)
      return row && { ...row, mustChangePassword: Boolean(row.mustChangePassword), totpEnabled: Boolean(row.totpEnabled) }
    },
    touch(sessionId: number, now: string) { touch.run(now, sessionId) },

    /**
     * A correct sign-in: clears the failure count, opens the session (and drops stale ones), audits. Null when
     * concurrent failed attempts locked the account while this one's password was being checked.
     */
    signIn: tx((s: NewSession, idleCutoff: string, method: 'password' | 'totp' | 'recovery_code', rehash: string | null): number | null => {
      const state = lockState.get(s.userId)
      if (state?.lockedUntil && state.lockedUntil > s.now) return null
      purgeStale.run(s.now, idleCutoff)
      setFailures.run(0, null, s.userId)
      if (rehash) setHash.run(rehash, s.userId)
      const id = Number(insertSession.run(s.userId, s.tokenHash, s.now, s.now, s.expiresAt, s.ip, s.userAgent).lastInsertRowid)
      audit({ actorId: s.userId, action: 'session.sign_in', entityType: 'user', entityId: s.userId, after: { sessionId: id, method, ip: s.ip } })
      return id
    }),

    /**
     * A failed attempt on a known user; the fifth in a row locks the account. The count is read inside the
     * transaction: attempts whose hashes ran concurrently each count. Returns whether it is now locked.
     */
    signInFailed: tx((user: Credentials, attempt: { login: string; ip: string | null; reason: string }, now: string, lockUntil: string, maxFailures: number): boolean => {
      const state = lockState.get(user.id)
      if (state?.lockedUntil && state.lockedUntil > now) {
        // Locked by a concurrent attempt meanwhile: the lock stands as it is.
        audit({ actorId: null, action: 'session.sign_in_failed', entityType: 'user', entityId: user.id, after: { ...attempt, failures: maxFailures } })
        return true
      }
      const failures = (state?.failedSignIns ?? 0) + 1
      const locked = failures >= maxFailures
      setFailures.run(locked ? 0 : failures, locked ? lockUntil : null, user.id)
      audit({ actorId: null, action: 'session.sign_in_failed', entityType: 'user', entityId: user.id, after: { ...attempt, failures } })
      if (locked) audit({ actorId: null, action: 'user.locked', entityType: 'user', entityId: user.id, after: { lockedUntil: lockUntil, ip: attempt.ip } })
      return locked
    }),
    /** A failed attempt for a login nobody has (entity id 0); the login tried is kept, never the password. */
    unknownLoginFailed(attempt: { login: string; ip: string | null }) {
      audit({ actorId: null, action: 'session.sign_in_failed', entityType: 'user', entityId: 0, after: { ...attempt, reason: 'invalid_credentials' } })
    },
    lockedAttempt(user: Credentials, ip: string | null) {
      audit({ actorId: null, action: 'session.sign_in_refused', entityType: 'user', entityId: user.id, after: { reason: 'locked', lockedUntil: user.lockedUntil, ip } })
    },

    signOut: tx((sessionId: number, userId: number) => {
      deleteSession.run(sessionId)
      audit({ actorId: userId, action: 'session.sign_out', entityType: 'user', entityId: userId, after: { sessionId } })
    }),

    list: (userId: number, now: string, idleCutoff: string) => listSessions.all(userId, now, idleCutoff),
    /** Ends every session of the user (but `keep`), audited as `user.sessions_end` with the reason. */
    endAll: tx((userId: number, actorId: number | null, reason: string, keep: number | null = null) => {
      const ended = deleteUserSessions.run(userId, keep).changes
      audit({ actorId, action: 'user.sessions_end', entityType: 'user', entityId: userId, after: { reason, ended } })
      return ended
    }),
    /** Ends the user's sessions inside a caller's transaction (role change), without an audit entry of its own. */
    endAllIn(userId: number) { deleteUserSessions.run(userId, null) },

    recentPasswordHashes: (userId: number) => history.all(userId, PASSWORD_HISTORY),
    /**
     * Sets a new password hash, keeps it in the history (the last five), and ends the user's other sessions.
     * `mustChange`: an initial or admin-reset password.
     */
    setPassword: tx((userId: number, hash: string, opts: { now: string; mustChange: boolean; actorId: number | null; action: string; keepSession: number | null }) => {
      setPassword.run(hash, opts.now, opts.mustChange ? 1 : 0, userId)
      addHistory.run(userId, hash, opts.now)
      pruneHistory.run(userId, userId, PASSWORD_HISTORY)
      const ended = deleteUserSessions.run(userId, opts.keepSession).changes
      audit({ actorId: opts.actorId, action: opts.action, entityType: 'user', entityId: userId, after: { sessionsEnded: ended } })
    }),
    /** The first password, inside the transaction that creates the user. */
    initialPassword(userId: number, hash: string, now: string) {
      setPassword.run(hash, now, 1, userId)
      addHistory.run(userId, hash, now)
    },

    beginTotp(userId: number, secret: string) { setPending.run(secret, userId) },
    /** Activates the pending secret with the step of the code that confirmed it, and stores the recovery codes' hashes. */
    confirmTotp: tx((userId: number, secret: string, step: number, codeHashes: string[]): boolean => {
      if (enableTotp.run(step, userId, secret).changes === 0) return false
      clearCodes.run(userId)
      for (const h of codeHashes) addCode.run(userId, h)
      audit({ actorId: userId, action: 'user.totp_enrol', entityType: 'user', entityId: userId })
      return true
    }),
    disableTotp: tx((userId: number, actorId: number) => {
      disableTotp.run(userId)
      clearCodes.run(userId)
      audit({ actorId, action: 'user.totp_disable', entityType: 'user', entityId: userId })
    }),
    /** Accepts a TOTP time step once: false when this or a later step was already used (a replay). */
    useTotpStep: (userId: number, step: number) => useStep.run(step, userId, step).changes === 1,
    /** Spends a recovery code: false when it is unknown or already used. */
    useRecoveryCode: (userId: number, codeHash: string, now: string) => useCode.run(now, userId, codeHash).changes === 1,
  }
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>
