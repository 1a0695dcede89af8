import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createDbStateCache } from '../http/db-state-cache.js'
import { gzip, sendGzipped } from '../http/response-encoding.js'
import { createDashboardRepository } from '../repositories/dashboard.js'
import { Id, problems } from '../schemas/common.js'
import { DashboardSchema } from '../schemas/dashboard.js'

/** The leaders' dashboard (驾驶舱): one aggregated answer, cached gzipped like the task list until the database changes. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createDashboardRepository(app.db, { plans: app.repos.plans, lights: app.repos.lights, today: app.today })
  const cache = createDbStateCache<Buffer>(app.db.$client, { max: 256 })

  app.get('/api/dashboard', {
    config: { roles: ['admin', 'office', 'supervisor', 'leader'] },
    schema: {
      tags: ['dashboard'],
      summary: '驾驶舱: counts by status and light, rates, overdue by lead unit, targets vs 序时进度, the monthly trend from history, the latest ranking and instructions',
      querystring: Type.Object({ planId: Type.Optional(Id) }, { additionalProperties: false }),
      response: { 200: DashboardSchema, ...problems(400, 403, 404) },
    },
  }, async (request, reply) => {
    const planId = request.query.planId ?? null
    const body = cache.get(JSON.stringify([planId, app.today()]), () => gzip(reply.serialize(repo.get(planId)) as string))!
    return sendGzipped(request, reply.type('application/json; charset=utf-8'), body)
  })
}
export default routes
