import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { TimelineEntrySchema } from '../schemas/workflow.js'
import { mergeTimeline } from '../timeline.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/tasks/:id/timeline', {
    config: { roles: READERS },
    schema: {
      tags: ['workflow'], summary: 'Everything that happened to a task, oldest first: transitions, reports, reviews, extensions, notifications, escalations',
      params: IdParams, response: { 200: Type.Object({ items: Type.Array(ref(TimelineEntrySchema)) }), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    app.repos.tasks.requireVisibleRow(request.params.id, viewer)
    return { items: mergeTimeline(app.timelineSources, request.params.id, viewer) }
  })
}
export default routes
