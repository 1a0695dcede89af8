import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { TASK_ACTIONS } from '../domain/lifecycle.js'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import { IdParams, problems } from '../schemas/common.js'
import { StatusSchema } from '../schemas/tasks.js'

/** What the viewer may do to a task now: the console shows these actions as buttons and no others. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/tasks/:id/actions', {
    config: { roles: READERS },
    schema: {
      tags: ['workflow'], summary: 'The lifecycle actions the viewer may take on the task in its current status',
      params: IdParams,
      response: {
        200: Type.Object({ status: StatusSchema, allowedActions: Type.Array(Type.Enum(TASK_ACTIONS)) }, { additionalProperties: false }),
        ...problems(400, 403, 404),
      },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    const allowedActions = app.workflow.lifecycle.allowedActions(request.params.id, viewer)
    return { status: app.repos.tasks.requireVisibleRow(request.params.id, viewer).status, allowedActions }
  })
}
export default routes
