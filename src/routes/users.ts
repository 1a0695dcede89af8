import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { afterIdOf, pageOf, PageQuery } from '../http/pages.js'
import { viewerOf } from '../http/viewer.js'
import { IdParams, problems, ref, Nullable } from '../schemas/common.js'
import { RoleSchema, UserCreateBody, UserSchema } from '../schemas/users.js'

const user = ref(UserSchema)
const tags = ['users']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.users

  app.post('/api/users', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'Create a user; the response carries its API token, shown this once',
      body: UserCreateBody,
      response: { 201: Type.Object({ user, token: Type.String() }), ...problems(400, 403, 422) },
    },
  }, async (request, reply) => reply.code(201).send(repo.create(request.body, viewerOf(request).id)))

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
      tags, summary: 'List users (tokens are never listed)',
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
      tags, summary: 'Who the token belongs to',
      response: { 200: Type.Object({ id: Type.Integer(), name: Type.String(), role: RoleSchema, unitId: Nullable(Type.Integer()) }), ...problems() },
    },
  }, async (request) => viewerOf(request))
}
export default routes
