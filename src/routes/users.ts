import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { afterIdOf, pageOf, PageQuery } from '../http/pages.js'
import { conflict, notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { IdParams, problems, ref, Nullable } from '../schemas/common.js'
import { RoleSchema, UserCreateBody, UserPatchBody, UserSchema } from '../schemas/users.js'

const user = ref(UserSchema)
const tags = ['users']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.users
  const sessions = app.repos.sessions
  const service = app.sessionService
  const loginFree = (login: string | undefined, self?: number) => {
    if (login && repo.loginTaken(login) && sessions.credentialsByLogin(login)?.id !== self) {
      throw conflict(`The login ${login} is taken.`, { errors: [{ in: 'body', field: 'login', detail: '登录名已被使用' }] })
    }
  }

  app.post('/api/users', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'Create a user; the response carries its API token, shown this once',
      description: 'With `login` and `password` the user can sign in to the console; the initial password must be changed at the first sign-in.',
      body: UserCreateBody,
      response: { 201: Type.Object({ user, token: Type.String() }), ...problems(400, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const { password, ...input } = request.body
    loginFree(input.login)
    const hashed = password === undefined ? undefined : await service.adminPassword(password, input.login)
    return reply.code(201).send(repo.create({ ...input, password: hashed }, viewerOf(request).id))
  })

  app.patch('/api/users/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'Change a user: name, email, login, role, unit, or reset its password',
      description: 'A new role or unit, or a password reset, ends the user’s console sessions. A reset password must be changed at the next sign-in.',
      params: IdParams,
      body: UserPatchBody,
      response: { 200: user, ...problems(400, 403, 404, 409, 422) },
    },
  }, async (request) => {
    const { id } = request.params
    const { password, ...patch } = request.body
    const current = repo.get(id)
    if (!current) throw notFound(`User ${id}`)
    loginFree(patch.login, id)
    const hashed = password === undefined ? undefined : await service.adminPassword(password, patch.login ?? current.login)
    const actorId = viewerOf(request).id
    return repo.update(id, patch, actorId, (scopeChanged) => {
      if (scopeChanged) sessions.endAllIn(id)
      if (hashed) service.resetPassword(id, hashed, actorId)
    }).user
  })

  app.post('/api/users/:id/token', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'Issue a new token for a user; the old one stops working at once (revoke a lost or leaked token)',
      params: IdParams,
      response: { 200: Type.Object({ user, token: Type.String() }), ...problems(400, 403, 404) },
    },
  }, async (request) => repo.rotateToken(request.params.id, viewerOf(request).id))

  app.get('/api/users', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'List users (tokens and password hashes are never listed)',
      querystring: Type.Object({ role: Type.Optional(RoleSchema), ...PageQuery }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(user), nextCursor: Nullable(Type.String()) }), ...problems(400, 403) },
    },
  }, async (request) => {
    const { role, limit, cursor } = request.query
    return pageOf(repo.list({ role, limit, afterId: afterIdOf(cursor) }), limit)
  })

  app.get('/api/me', {
    config: { roles: ['admin', 'office', 'unit', 'supervisor', 'leader'] },
    schema: {
      tags, summary: 'Who the token (or the session) belongs to',
      response: {
        200: Type.Object({
          id: Type.Integer(), name: Type.String(), role: RoleSchema, unitId: Nullable(Type.Integer()),
          login: Nullable(Type.String()), unitName: Nullable(Type.String()),
        }),
        ...problems(),
      },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    const found = repo.withUnitName(viewer.id)
    return { id: viewer.id, name: viewer.name, role: viewer.role, unitId: viewer.unitId, login: found?.login ?? null, unitName: found?.unitName ?? null }
  })
}
export default routes
