import { LRUCache } from 'lru-cache'
import type { ViewerSession, Viewer } from '../plugins/auth.js'
import { passwordExpired, passwordRuleBroken, PASSWORD_HISTORY } from '../domain/password-rules.js'
import { badRequest, Problem } from '../http/problem.js'
import { hashToken } from '../http/tokens.js'
import type { Repositories } from '../repositories/index.js'
import type { Credentials } from '../repositories/sessions.js'
import type { HashedPassword } from '../repositories/users.js'
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js'
import type { SessionPolicy } from './policy.js'
import { csrfTokenOf, newSessionToken } from './session-tokens.js'
import { hashRecoveryCode, totpStep } from './totp.js'

export interface SignInAttempt { login: string; password: string; totp?: string }
export interface ClientInfo { ip: string | null; userAgent: string | null }

const invalidCredentials = () => new Problem(401, 'Unauthorized', '登录名或密码错误', { code: 'invalid_credentials' })
const locked = (until: string) => new Problem(423, 'Locked', '账号已锁定，请15分钟后再试', { code: 'locked', lockedUntil: until })
const totpNeeded = (detail: string) => new Problem(401, 'Unauthorized', detail, { code: 'totp_required' })
const badPassword = (field: string, detail: string) => badRequest(detail, [{ in: 'body', field, detail }])

/**
 * Signing in and out, password changes and resets: the rules of issue 9 over the sessions and users
 * repositories. Hashing is asynchronous and runs before the (synchronous) transactions.
 */
export function createSessionService(repos: Repositories, policy: SessionPolicy, clock: () => Date) {
  const { sessions, users } = repos
  // Unknown logins lock exactly like real ones, so that a lockout does not tell which logins exist.
  const unknown = new LRUCache<string, { failures: number; lockedUntil: number }>({ max: 10_000 })
  const iso = (ms: number) => new Date(ms).toISOString()
  // Ready before the first unknown login, so that its answer takes no longer than the next one's.
  void dummyHash()

  /** How the second factor was given: none enrolled, a TOTP code, a recovery code, or a wrong or replayed code. */
  function secondFactor(user: Credentials, code: string | undefined, now: Date): 'password' | 'totp' | 'recovery_code' | 'invalid' {
    if (!user.totpSecret) return 'password'
    if (!code) throw totpNeeded('请输入动态口令')
    const step = totpStep(user.totpSecret, code, now)
    if (step !== null) return sessions.useTotpStep(user.id, step) ? 'totp' : 'invalid'
    return sessions.useRecoveryCode(user.id, hashRecoveryCode(code), now.toISOString()) ? 'recovery_code' : 'invalid'
  }

  function failUnknown(login: string, client: ClientInfo, nowMs: number): never {
    const entry = unknown.get(login) ?? { failures: 0, lockedUntil: 0 }
    entry.failures += 1
    if (entry.failures >= policy.maxFailures) Object.assign(entry, { failures: 0, lockedUntil: nowMs + policy.lockMs })
    unknown.set(login, entry)
    sessions.unknownLoginFailed({ login, ip: client.ip })
    throw invalidCredentials()
  }

  return {
    /** Checks the credentials (and second factor); opens a session and returns its cookie token. */
    async signIn(attempt: SignInAttempt, client: ClientInfo): Promise<{ token: string; viewer: Viewer }> {
      const now = clock()
      const nowMs = now.getTime()
      const user = sessions.credentialsByLogin(attempt.login)
      if (!user || !user.passwordHash) {
        const lock = unknown.get(attempt.login)
        if (lock && lock.lockedUntil > nowMs) throw locked(iso(lock.lockedUntil))
        await verifyPassword(attempt.password, await dummyHash())
        failUnknown(attempt.login, client, nowMs)
      }
      if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
        sessions.lockedAttempt(user, client.ip)
        throw locked(user.lockedUntil)
      }
      const fail = (reason: string, problem: Problem): never => {
        sessions.signInFailed(user, { login: attempt.login, ip: client.ip, reason }, now.toISOString(), iso(nowMs + policy.lockMs), policy.maxFailures)
        throw problem
      }
      if (!(await verifyPassword(attempt.password, user.passwordHash))) fail('invalid_credentials', invalidCredentials())
      const method = secondFactor(user, attempt.totp, now)
      if (method === 'invalid') fail('totp_invalid', totpNeeded('动态口令错误或已使用'))
      const rehash = needsRehash(user.passwordHash) ? await hashPassword(attempt.password) : null
      const token = newSessionToken()
      const expiresAt = iso(nowMs + policy.maxMs)
      const id = sessions.signIn(
        { userId: user.id, tokenHash: hashToken(token), now: now.toISOString(), expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null },
        iso(nowMs - policy.idleMs), method as 'password' | 'totp' | 'recovery_code', rehash,
      )
      if (id === null) throw locked(sessions.credentialsById(user.id)?.lockedUntil ?? iso(nowMs + policy.lockMs))
      const u = users.get(user.id)!
      return {
        token,
        viewer: {
          id: u.id, name: u.name, role: u.role, unitId: u.unitId,
          session: {
            id, token, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt,
            mustChangePassword: user.mustChangePassword,
            passwordExpired: passwordExpired(user.passwordChangedAt, policy.passwordMaxAgeDays, now),
            totpEnabled: Boolean(user.totpSecret),
            totpRequired: !user.totpSecret && policy.requireTotpRoles.includes(u.role),
          },
        },
      }
    },

    /** The Session document the API answers with. */
    describe(viewer: Viewer & { session: ViewerSession }) {
      const s = viewer.session
      const user = users.withUnitName(viewer.id)!
      return {
        user,
        csrfToken: csrfTokenOf(s.token),
        mustChangePassword: s.mustChangePassword,
        passwordExpired: s.passwordExpired,
        totpEnabled: s.totpEnabled,
        totpRequired: s.totpRequired,
        expiresAt: s.expiresAt,
        idleExpiresAt: iso(Math.min(new Date(s.lastSeenAt).getTime() + policy.idleMs, new Date(s.expiresAt).getTime())),
      }
    },

    signOut(viewer: Viewer & { session: ViewerSession }) {
      sessions.signOut(viewer.session.id, viewer.id)
    },

    /** A password set by an admin (new user or reset): the rules apply; the user must change it at sign-in. */
    async adminPassword(password: string, login: string | null | undefined, field = 'password'): Promise<HashedPassword> {
      const broken = passwordRuleBroken(password, login ?? null)
      if (broken) throw badPassword(field, broken)
      return { hash: await hashPassword(password), at: clock().toISOString() }
    },

    /** Admin reset: sets the password (must change), clears a lock, ends the user's sessions. */
    resetPassword(userId: number, password: HashedPassword, actorId: number) {
      sessions.setPassword(userId, password.hash, { now: password.at, mustChange: true, actorId, action: 'user.password_reset', keepSession: null })
    },

    /** The user's own change: the current password, the rules, none of the last five; other sessions end. */
    async changePassword(viewer: Viewer, currentPassword: string, newPassword: string) {
      const user = sessions.credentialsById(viewer.id)
      if (!user?.passwordHash) throw badPassword('currentPassword', '尚未设置密码，请联系管理员')
      if (!(await verifyPassword(currentPassword, user.passwordHash))) throw badPassword('currentPassword', '当前密码错误')
      const broken = passwordRuleBroken(newPassword, user.login)
      if (broken) throw badPassword('newPassword', broken)
      const recent = sessions.recentPasswordHashes(user.id)
      const reused = await Promise.all(recent.map((h) => verifyPassword(newPassword, h)))
      if (reused.some(Boolean)) throw badPassword('newPassword', `新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`)
      const hash = await hashPassword(newPassword)
      sessions.setPassword(user.id, hash, { now: clock().toISOString(), mustChange: false, actorId: viewer.id, action: 'user.password_change', keepSession: viewer.session?.id ?? null })
    },

    /** Checks a TOTP code (or, when allowed, a recovery code) of a signed-in user, spending it. */
    verifySecondFactor(userId: number, code: string, allowRecovery: boolean): boolean {
      const user = sessions.credentialsById(userId)
      if (!user?.totpSecret) return false
      const now = clock()
      const step = totpStep(user.totpSecret, code, now)
      if (step !== null) return sessions.useTotpStep(userId, step)
      return allowRecovery && sessions.useRecoveryCode(userId, hashRecoveryCode(code), now.toISOString())
    },
  }
}
export type SessionService = ReturnType<typeof createSessionService>
