import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { afterIdOf } from '../http/pages.js'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { rememberResponse } from '../plugins/idempotency.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { ReportCreateBody, ReportDetailSchema, ReportListQuery, ReportListSchema, ReportReviewBody, ReportSchema, WorkflowHeaders } from '../schemas/workflow.js'

const tags = ['reports']
const report = ref(ReportSchema)

/** Progress reports (调度) against yearly targets, and the office's review of them. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { reports, commits } = app.workflow

  app.post('/api/tasks/:id/reports', {
    config: { roles: ['unit'], idempotent: true },
    schema: {
      tags, summary: "Report progress for a month: the lead's, a responsible or a cooperating unit's; again for the same month makes a new revision",
      params: IdParams, headers: WorkflowHeaders, body: ReportCreateBody,
      response: { 201: report, ...problems(400, 403, 404, 409, 412, 422) },
    },
  }, async (request, reply) => {
    const view = await commits.run(() => reports.submit(request.params.id, request.body, viewerOf(request), {
      ifMatch: request.headers['if-match'], remember: rememberResponse(request, 201),
    }))
    return reply.code(201).send(view)
  })

  app.get('/api/tasks/:id/reports', {
    config: { roles: READERS },
    schema: {
      tags, summary: "A task's reports, each as its current revision reads", params: IdParams, querystring: ReportListQuery,
      response: { 200: ref(ReportListSchema), ...problems(400, 403, 404) },
    },
  }, async (request) => {
    const { period, unitId, limit, cursor } = request.query
    const items = reports.list(request.params.id, viewerOf(request), { period, unitId, limit, afterId: afterIdOf(cursor) })
    return { items, nextCursor: items.length === limit ? String(items[items.length - 1]!.id) : null }
  })

  app.get('/api/reports/:id', {
    config: { roles: READERS },
    schema: { tags, summary: 'One report with every revision and review', params: IdParams, response: { 200: ref(ReportDetailSchema), ...problems(400, 403, 404) } },
  }, async (request) => reports.get(request.params.id, viewerOf(request)))

  app.post('/api/reports/:id/review', {
    config: { roles: WRITERS, idempotent: true },
    schema: {
      tags, summary: "Accept or return the report's current revision (return needs a comment)",
      params: IdParams, headers: WorkflowHeaders, body: ReportReviewBody,
      response: { 200: report, ...problems(400, 403, 404, 409, 422) },
    },
  }, async (request) => reports.review(request.params.id, request.body, viewerOf(request), { remember: rememberResponse(request, 200) }))
}
export default routes
