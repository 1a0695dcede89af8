import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Id, Limit, problems, Nullable } from '../schemas/common.js'

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.Integer()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Integer(),
  before: Type.Unknown(),
  after: Type.Unknown(),
}, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/audit', {
    config: { roles: ['admin', 'office', 'supervisor', 'leader'] },
    schema: {
      tags: ['audit'], summary: 'Who changed what, when, before and after (全程留痕)',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        entityId: Type.Optional(Id),
        limit: Limit(500, 100),
        cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 12 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Entry), nextCursor: Nullable(Type.String()) }), ...problems(400, 403) },
    },
  }, async (request) => {
    const { entityType, entityId, limit, cursor } = request.query
    const items = app.repos.audit.list({ entityType, entityId, limit, afterId: cursor ? Number(cursor) : undefined })
    return { items, nextCursor: items.length === limit ? String(items[items.length - 1]!.id) : null }
  })
}
export default routes
