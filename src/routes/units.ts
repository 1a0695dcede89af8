import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { afterIdOf, pageOf, PageQuery } from '../http/pages.js'
import { notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { mergeSuggestions } from '../importing/unit-merge-suggestions.js'
import { IdParams, IdRef, problems, ref, Nullable } from '../schemas/common.js'
import { UnitCreateBody, UnitKind, UnitPatchBody, UnitSchema } from '../schemas/units.js'

const unit = ref(UnitSchema)
const tags = ['units']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.units

  app.post('/api/units', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Register a unit (单位)', body: UnitCreateBody, response: { 201: unit, ...problems(400, 403, 409, 422) } },
  }, async (request, reply) => reply.code(201).send(repo.create(request.body, viewerOf(request).id)))

  app.get('/api/units', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'List units; q matches names and aliases',
      querystring: Type.Object({ q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), kind: Type.Optional(UnitKind), ...PageQuery }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(unit), nextCursor: Nullable(Type.String()) }), ...problems(400, 403) },
    },
  }, async (request) => {
    const { q, kind, limit, cursor } = request.query
    return pageOf(repo.list({ q, kind, limit, afterId: afterIdOf(cursor) }), limit)
  })

  app.get('/api/units/merge-suggestions', {
    config: { roles: WRITERS },
    schema: {
      tags, summary: 'Units whose names are close enough to be one (as an import left them), to merge by adding an alias',
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ unit: ref(IdRef), suggestedUnit: ref(IdRef), reason: Type.String() }, { additionalProperties: false })),
        }),
        ...problems(400, 403),
      },
    },
  }, async (request) => ({ items: mergeSuggestions(repo.names(), request.query.limit ?? 100) }))

  app.get('/api/units/:id', {
    config: { roles: READERS },
    schema: { tags, summary: 'One unit', params: IdParams, response: { 200: unit, ...problems(400, 403, 404) } },
  }, async (request) => {
    const row = repo.get(request.params.id)
    if (!row) throw notFound(`Unit ${request.params.id}`)
    return row
  })

  app.patch('/api/units/:id', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Change a unit (name, kind, aliases, contacts, parent)', params: IdParams, body: UnitPatchBody, response: { 200: unit, ...problems(400, 403, 404, 409, 422) } },
  }, async (request) => repo.update(request.params.id, request.body, viewerOf(request).id))
}
export default routes
