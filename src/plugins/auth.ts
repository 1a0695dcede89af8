import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { sessionPolicyOf, type SessionPolicy } from '../auth/policy.js'
import { createSessionService, type SessionService } from '../auth/session-service.js'
import { CSRF_HEADER, csrfMatches, SESSION_COOKIE } from '../auth/session-tokens.js'
import { passwordExpired } from '../domain/password-rules.js'
import { createDbStateCache } from '../http/db-state-cache.js'
import { forbidden, Problem } from '../http/problem.js'
import { hashToken } from '../http/tokens.js'
import type { Role } from '../db/schema/index.js'

/** The console session a viewer came with (none for bearer tokens). */
export interface ViewerSession {
  id: number
  /** The cookie's token: the CSRF token derives from it. */
  token: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  mustChangePassword: boolean
  passwordExpired: boolean
  totpEnabled: boolean
  totpRequired: boolean
}

export interface Viewer {
  id: number
  name: string
  role: Role
  unitId: number | null
  session?: ViewerSession
}

declare module 'fastify' {
  interface FastifyInstance {
    sessionPolicy: SessionPolicy
    /** Sign-in, passwords and second factor (src/auth/session-service.ts). */
    sessionService: SessionService
  }
  interface FastifyRequest {
    viewer: Viewer | null
  }
  interface FastifyContextConfig {
    /** Roles allowed on this route; routes under /api and /admin without it are closed. */
    roles?: readonly Role[]
    /** Open to anyone (health, docs). */
    public?: boolean
    /** false: no CSRF header needed with the cookie (signing in). */
    csrf?: boolean
    /**
     * Open to a session that still has to change its password or enrol TOTP: 'setup' for the session and
     * password routes, 'totp' for TOTP enrolment (once the password is settled). Other routes are closed to it.
     */
    sessionGate?: 'setup' | 'totp'
  }
}

export const EVERYONE: readonly Role[] = ['admin', 'office', 'unit', 'supervisor', 'leader']
export const READERS: readonly Role[] = EVERYONE
export const WRITERS: readonly Role[] = ['admin', 'office']

const unauthorized = () => new Problem(401, 'Unauthorized', 'Sign in, or send a valid API token: Authorization: Bearer <token>.')
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/**
 * Writing last_seen_at on every request would be a commit each time, and commits empty the caches (viewers,
 * task pages); once a minute is precise enough for a 30-minute idle limit.
 */
const TOUCH_EVERY_MS = 60_000

/**
 * A browser cannot add a bearer token to the pages and assets of /admin (the queue board); it asks for
 * Basic credentials instead, and the API token is taken as the password.
 */
function basicPassword(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  return decoded.slice(decoded.indexOf(':') + 1) || undefined
}

/**
 * Resolves the viewer — from the bearer token, else from the session cookie — and enforces each route's roles,
 * CSRF for cookie writes, and the password change or TOTP enrolment a session still owes.
 */
export default fp<{ config: Config }>(async (app, opts) => {
  const policy = sessionPolicyOf(opts.config)
  app.decorate('sessionPolicy', policy)
  app.decorate('sessionService', createSessionService(app.repos, policy, app.clock))
  await app.register(cookie)
  const findByHash = app.db.$client.prepare<[string], Viewer>(
    'SELECT id, name, role, unit_id AS unitId FROM users WHERE token_hash = ?',
  )
  const sessions = app.repos.sessions
  // Spares every request a hash and a query; a new, changed or removed user is a commit, which empties it.
  const viewers = createDbStateCache<Viewer>(app.db.$client, { max: 10_000 })

  function sessionViewer(token: string): Viewer | null {
    const now = app.clock()
    const row = sessions.live(hashToken(token), now.toISOString(), new Date(now.getTime() - policy.idleMs).toISOString())
    if (!row) return null
    let lastSeenAt = row.lastSeenAt
    if (now.getTime() - new Date(lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
      lastSeenAt = now.toISOString()
      sessions.touch(row.sessionId, lastSeenAt)
    }
    return {
      id: row.userId, name: row.name, role: row.role, unitId: row.unitId,
      session: {
        id: row.sessionId, token, createdAt: row.createdAt, lastSeenAt, expiresAt: row.expiresAt,
        mustChangePassword: row.mustChangePassword,
        passwordExpired: passwordExpired(row.passwordChangedAt, policy.passwordMaxAgeDays, now),
        totpEnabled: row.totpEnabled,
        totpRequired: !row.totpEnabled && policy.requireTotpRoles.includes(row.role),
      },
    }
  }

  function checkSession(request: FastifyRequest, session: ViewerSession) {
    const config = request.routeOptions.config
    if (!SAFE_METHODS.has(request.method) && config.csrf !== false) {
      const sent = request.headers[CSRF_HEADER]
      if (!csrfMatches(session.token, typeof sent === 'string' ? sent : undefined)) {
        throw new Problem(403, 'Forbidden', '请求缺少有效的 X-CSRF-Token，请刷新页面后重试', { code: 'csrf' })
      }
    }
    if (config.public || config.sessionGate === 'setup') return
    if (session.mustChangePassword || session.passwordExpired) {
      throw new Problem(403, 'Forbidden', '请先修改密码', { code: 'password_change_required' })
    }
    if (session.totpRequired && config.sessionGate !== 'totp') {
      throw new Problem(403, 'Forbidden', '请先绑定动态口令（TOTP）', { code: 'totp_enrolment_required' })
    }
  }

  app.decorateRequest('viewer', null)
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization
    const url = request.routeOptions.url
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : url?.startsWith('/admin') ? basicPassword(header) : undefined
    if (token) request.viewer = viewers.get(token, () => findByHash.get(hashToken(token))) ?? null
    else if (!header && url) {
      const cookieToken = request.cookies[SESSION_COOKIE]
      if (cookieToken) request.viewer = sessionViewer(cookieToken)
    }
    const config = request.routeOptions.config
    if (!url) return // no such route: the not-found handler answers
    const guarded = url.startsWith('/api') || url.startsWith('/admin')
    if (request.viewer?.session && (guarded || config.public)) checkSession(request, request.viewer.session)
    if (config.public || !guarded) return
    if (!request.viewer) {
      if (url.startsWith('/admin')) reply.header('www-authenticate', 'Basic realm="Duban admin", charset="UTF-8"')
      throw unauthorized()
    }
    const roles = config.roles ?? (url.startsWith('/admin') ? ['admin'] : [])
    if (!roles.includes(request.viewer.role)) throw forbidden()
  })
}, { name: 'auth', dependencies: ['db'] })
