import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { SESSION_COOKIE } from '../auth/session-tokens.js'
import { newRecoveryCodes, hashRecoveryCode, newTotpSecret, totpEnrolment, totpStep } from '../auth/totp.js'
import { EVERYONE, type Viewer, type ViewerSession } from '../plugins/auth.js'
import { badRequest, notFound, Problem } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { PasswordChangeBody, SessionListItemSchema, SessionSchema, SignInBody, TotpCodeBody, TotpEnrolment } from '../schemas/sessions.js'

const session = ref(SessionSchema)
const tags = ['session']
const noSession = () => new Problem(401, 'Unauthorized', '未登录或登录已过期')
const withSession = (request: FastifyRequest): Viewer & { session: ViewerSession } => {
  const viewer = request.viewer
  if (!viewer?.session) throw noSession()
  return viewer as Viewer & { session: ViewerSession }
}

/** Console sign-in: the session cookie, password changes, TOTP, and the admin's view of a user's sessions. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const policy = app.sessionPolicy
  const service = app.sessionService
  const { sessions, users } = app.repos

  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', expires: new Date(expiresAt),
    })
  const clearCookie = (request: FastifyRequest, reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' })

  app.post('/api/session', {
    config: {
      public: true, csrf: false,
      rateLimit: { max: policy.signInPerMinute, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}` },
    },
    schema: {
      tags, summary: 'Sign in with login and password (and TOTP when enrolled); sets the session cookie', security: [],
      description: 'Failures carry `code`: 401 `invalid_credentials` (the same for an unknown login and a wrong password), '
        + '401 `totp_required` (the password is right; send `totp`), 423 `locked` (5 failures lock the account for 15 minutes), 429 (too many attempts from this address).',
      body: SignInBody,
      response: { 200: session, ...problems(400, 423) },
    },
  }, async (request, reply) => {
    const { token, viewer } = await service.signIn(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null })
    // A sign-in from a browser that still had a session replaces it.
    if (request.viewer?.session) service.signOut(request.viewer as Viewer & { session: ViewerSession })
    setCookie(request, reply, token, viewer.session!.expiresAt)
    return service.describe(viewer as Viewer & { session: ViewerSession })
  })

  app.get('/api/session', {
    config: { public: true },
    schema: { tags, summary: 'The current session (and its CSRF token); resets the idle timer', response: { 200: session, ...problems() } },
  }, async (request) => service.describe(withSession(request)))

  app.delete('/api/session', {
    config: { public: true },
    schema: { tags, summary: 'Sign out: ends the session and clears the cookie', response: { 204: Type.Null(), ...problems(403) } },
  }, async (request, reply) => {
    if (request.viewer?.session) service.signOut(request.viewer as Viewer & { session: ViewerSession })
    clearCookie(request, reply)
    return reply.code(204).send(null)
  })

  app.post('/api/session/password', {
    config: { roles: EVERYONE, sessionGate: 'setup' },
    schema: {
      tags, summary: 'Change one’s own password; other sessions of the user end',
      description: '400 names `newPassword` with the rule broken: at least 8 characters of 3 of the 4 classes, not containing the login, none of the last 5.',
      body: PasswordChangeBody,
      response: { 204: Type.Null(), ...problems(400, 403) },
    },
  }, async (request, reply) => {
    await service.changePassword(viewerOf(request), request.body.currentPassword, request.body.newPassword)
    return reply.code(204).send(null)
  })

  app.post('/api/session/totp', {
    config: { roles: EVERYONE, sessionGate: 'totp' },
    schema: { tags, summary: 'Begin TOTP enrolment: a new secret and its QR code (active once confirmed)', response: { 200: TotpEnrolment, ...problems(403, 409) } },
  }, async (request) => {
    const viewer = viewerOf(request)
    const user = sessions.credentialsById(viewer.id)!
    if (user.totpSecret) throw new Problem(409, 'Conflict', '已绑定动态口令', { code: 'totp_enabled' })
    const secret = newTotpSecret()
    sessions.beginTotp(viewer.id, secret)
    return totpEnrolment(secret, user.login ?? `user-${viewer.id}`)
  })

  app.post('/api/session/totp/confirm', {
    config: { roles: EVERYONE, sessionGate: 'totp' },
    schema: {
      tags, summary: 'Confirm TOTP enrolment with a code; answers the 10 one-time recovery codes, shown this once',
      body: TotpCodeBody,
      response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...problems(400, 403) },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    const pending = sessions.credentialsById(viewer.id)?.totpPendingSecret
    if (!pending) throw badRequest('No TOTP enrolment is pending: POST /api/session/totp first.', [{ in: 'body', field: 'code', detail: '请先获取新的动态口令密钥' }])
    const step = totpStep(pending, request.body.code, app.clock())
    if (step === null) throw badRequest('动态口令错误', [{ in: 'body', field: 'code', detail: '动态口令错误' }])
    const recoveryCodes = newRecoveryCodes()
    if (!sessions.confirmTotp(viewer.id, pending, step, recoveryCodes.map(hashRecoveryCode))) {
      throw badRequest('动态口令错误', [{ in: 'body', field: 'code', detail: '请重新开始绑定' }])
    }
    return { recoveryCodes }
  })

  app.delete('/api/session/totp', {
    config: { roles: EVERYONE },
    schema: {
      tags, summary: 'Turn TOTP off with a current code (refused when the role requires it)',
      body: TotpCodeBody,
      response: { 204: Type.Null(), ...problems(400, 403) },
    },
  }, async (request, reply) => {
    const viewer = viewerOf(request)
    if (policy.requireTotpRoles.includes(viewer.role)) throw new Problem(403, 'Forbidden', '该角色必须使用动态口令', { code: 'totp_required_by_role' })
    if (!service.verifySecondFactor(viewer.id, request.body.code, false)) throw badRequest('动态口令错误', [{ in: 'body', field: 'code', detail: '动态口令错误或已使用' }])
    sessions.disableTotp(viewer.id, viewer.id)
    return reply.code(204).send(null)
  })

  const userTags = ['users']
  const now = () => app.clock()
  const idleCutoff = () => new Date(now().getTime() - policy.idleMs).toISOString()
  const userOr404 = (id: number) => {
    if (!users.get(id)) throw notFound(`User ${id}`)
  }

  app.get('/api/users/:id/sessions', {
    config: { roles: ['admin'] },
    schema: {
      tags: userTags, summary: 'A user’s live console sessions', params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(SessionListItemSchema) }), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    userOr404(request.params.id)
    return { items: sessions.list(request.params.id, now().toISOString(), idleCutoff()) }
  })

  app.delete('/api/users/:id/sessions', {
    config: { roles: ['admin'] },
    schema: { tags: userTags, summary: 'End every console session of a user', params: IdParams, response: { 204: Type.Null(), ...problems(400, 403, 404) } },
  }, async (request, reply) => {
    userOr404(request.params.id)
    sessions.endAll(request.params.id, viewerOf(request).id, 'admin')
    return reply.code(204).send(null)
  })

  app.post('/api/users/:id/password', {
    config: { roles: ['admin'] },
    schema: {
      tags: userTags, summary: 'Reset a user’s password: it must be changed at the next sign-in; the lock is lifted and its sessions end',
      params: IdParams,
      body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...problems(400, 403, 404) },
    },
  }, async (request, reply) => {
    const user = users.get(request.params.id)
    if (!user) throw notFound(`User ${request.params.id}`)
    if (!user.login) throw badRequest('The user has no login: set one first (PATCH /api/users/{id}).', [{ in: 'body', field: 'password', detail: '该用户尚无登录名' }])
    const hashed = await service.adminPassword(request.body.password, user.login)
    service.resetPassword(user.id, hashed, viewerOf(request).id)
    return reply.code(204).send(null)
  })
}
export default routes
