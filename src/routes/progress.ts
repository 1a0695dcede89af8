import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { afterIdOf } from '../http/pages.js'
import { forbidden } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import { Id, IdParams, problems, ref } from '../schemas/common.js'
import { PlanProgressSchema, ScorecardSchema, TaskProgressSchema } from '../schemas/workflow.js'

/** Plan progress (序时进度) and unit scorecards. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { progress } = app.workflow

  app.get('/api/plans/:id/progress', {
    config: { roles: ['admin', 'office', 'supervisor', 'leader'] },
    schema: {
      tags: ['progress'], summary: "Counts by status and light, and each yearly target's actual vs target vs expected-to-date (序时进度)",
      params: IdParams,
      querystring: Type.Object({
        year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: "Targets of this year; default the current year" })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
        cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 12 })),
      }, { additionalProperties: false }),
      response: { 200: ref(PlanProgressSchema), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    const { year, limit, cursor } = request.query
    return progress.plan(request.params.id, { year, limit, afterId: afterIdOf(cursor) })
  })

  app.get('/api/tasks/:id/progress', {
    config: { roles: READERS },
    schema: {
      tags: ['progress'], summary: "A task's yearly targets: the lead unit's latest actual vs target vs expected-to-date (序时进度)",
      params: IdParams,
      response: { 200: TaskProgressSchema, ...problems(400, 403, 404) },
    },
  }, async (request) => {
    app.repos.tasks.requireVisibleRow(request.params.id, viewerOf(request))
    return progress.task(request.params.id)
  })

  app.get('/api/units/:id/scorecard', {
    config: { roles: READERS },
    schema: {
      tags: ['progress'], summary: 'Tasks led, closed on time, overdue, reports on time (unit users: their own unit only)',
      params: IdParams,
      querystring: Type.Object({ planId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: ref(ScorecardSchema), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    const viewer = viewerOf(request)
    if (viewer.role === 'unit' && viewer.unitId !== request.params.id) throw forbidden("Unit users see only their own unit's scorecard.")
    return progress.unit(request.params.id, request.query.planId)
  })
}
export default routes
