import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import { problems, ref } from '../schemas/common.js'
import { NotificationListQuery, NotificationSchema } from '../schemas/pipeline.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.pipeline.notifications

  app.get('/api/notifications', {
    config: { roles: READERS },
    schema: {
      tags: ['notifications'],
      summary: 'Mail sent or to be sent (queued, sent, failed), newest first; unit users see those about their tasks or addressed to their unit',
      querystring: NotificationListQuery,
      response: { 200: Type.Object({ items: Type.Array(ref(NotificationSchema)), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    const { cursor, taskId, ...filter } = request.query
    if (taskId !== undefined) app.repos.tasks.requireVisibleRow(taskId, viewer)
    const page = repo.list({ ...filter, taskId, afterId: cursor ? Number(cursor) : undefined }, viewer)
    return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) }
  })
}
export default routes
