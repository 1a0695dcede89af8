import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { EscalationLevel } from '../db/schema/index.js'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { EscalationActionBody, EscalationListQuery, EscalationSchema } from '../schemas/pipeline.js'

const tags = ['escalations']
/** The supervision office handles escalations; the office and admins may too. */
const HANDLERS = ['supervisor', 'office', 'admin'] as const
const escalation = ref(EscalationSchema)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.pipeline.escalations

  app.get('/api/escalations', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'Escalations (L1 催办, L2 督办单, L3 leaders), newest first; unit users see those of their own tasks',
      querystring: EscalationListQuery,
      response: { 200: Type.Object({ items: Type.Array(escalation), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    const { cursor, taskId, level, ...filter } = request.query
    if (taskId !== undefined) app.repos.tasks.requireVisibleRow(taskId, viewer)
    const page = repo.list({ ...filter, taskId, level: level as EscalationLevel | undefined, afterId: cursor ? Number(cursor) : undefined }, viewer)
    return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) }
  })

  app.get('/api/escalations/:id', {
    config: { roles: READERS },
    schema: { tags, summary: 'One escalation', params: IdParams, response: { 200: escalation, ...problems(400, 403, 404) } },
  }, async (request) => repo.get(request.params.id, viewerOf(request)))

  app.post('/api/escalations/:id/acknowledge', {
    config: { roles: HANDLERS },
    schema: {
      tags, summary: 'Acknowledge an open escalation (签收督办单)', params: IdParams, body: EscalationActionBody,
      response: { 200: escalation, ...problems(400, 403, 404, 409) },
    },
  }, async (request) => repo.acknowledge(request.params.id, viewerOf(request).id, request.body.note))

  app.post('/api/escalations/:id/resolve', {
    config: { roles: HANDLERS },
    schema: {
      tags, summary: 'Resolve an open or acknowledged escalation, with a note of what was done', params: IdParams, body: EscalationActionBody,
      response: { 200: escalation, ...problems(400, 403, 404, 409) },
    },
  }, async (request) => repo.resolve(request.params.id, viewerOf(request).id, request.body.note))
}
export default routes
