import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { afterIdOf, pageOf, PageQuery } from '../http/pages.js'
import { notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { IdParams, problems, ref, Nullable } from '../schemas/common.js'
import { PlanCreateBody, PlanPatchBody, PlanSchema, SectionCreateBody, SectionSchema } from '../schemas/plans.js'
import { TaskCreateBody, TaskSchema } from '../schemas/tasks.js'
import { etagOf } from '../repositories/tasks.js'

const plan = ref(PlanSchema)
const section = ref(SectionSchema)
const tags = ['plans']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { plans, tasks } = app.repos
  const requirePlan = (id: number) => {
    const row = plans.get(id)
    if (!row) throw notFound(`Plan ${id}`)
    return row
  }

  app.post('/api/plans', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Create a plan (行动计划)', body: PlanCreateBody, response: { 201: plan, ...problems(400, 403, 409, 422) } },
  }, async (request, reply) => reply.code(201).send(plans.create(request.body, viewerOf(request).id)))

  app.get('/api/plans', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'List plans',
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(plan), nextCursor: Nullable(Type.String()) }), ...problems(400, 403) },
    },
  }, async (request) => pageOf(plans.list({ limit: request.query.limit, afterId: afterIdOf(request.query.cursor) }), request.query.limit))

  app.get('/api/plans/:id', {
    config: { roles: READERS },
    schema: { tags, summary: 'One plan with its sections', params: IdParams, response: { 200: Type.Object({ plan, sections: Type.Array(section) }), ...problems(400, 403, 404) } },
  }, async (request) => ({ plan: requirePlan(request.params.id), sections: plans.sections(request.params.id) }))

  app.patch('/api/plans/:id', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Change a plan', params: IdParams, body: PlanPatchBody, response: { 200: plan, ...problems(400, 403, 404, 409, 422) } },
  }, async (request) => plans.update(request.params.id, request.body, viewerOf(request).id))

  app.post('/api/plans/:id/sections', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Add a section (专项行动)', params: IdParams, body: SectionCreateBody, response: { 201: section, ...problems(400, 403, 404, 409) } },
  }, async (request, reply) => reply.code(201).send(plans.addSection(request.params.id, request.body, viewerOf(request).id)))

  app.post('/api/plans/:id/tasks', {
    config: { roles: WRITERS },
    schema: {
      tags: ['tasks'], summary: 'Add a numbered task with its units and yearly targets',
      params: IdParams, body: TaskCreateBody,
      response: { 201: ref(TaskSchema), ...problems(400, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const task = tasks.create(request.params.id, request.body, viewerOf(request).id)
    return reply.code(201).header('etag', etagOf(task)).send(task)
  })
}
export default routes
