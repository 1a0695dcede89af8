import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { rememberResponse } from '../plugins/idempotency.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { ExtensionDecisionBody, ExtensionRequestBody, ExtensionRequestSchema, WorkflowHeaders } from '../schemas/workflow.js'

const tags = ['extensions']
const extension = ref(ExtensionRequestSchema)

/** 延期申请: the lead unit asks, the office decides. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { extensions } = app.workflow

  app.post('/api/tasks/:id/extension-requests', {
    config: { roles: ['unit'], idempotent: true },
    schema: {
      tags, summary: '延期申请: the lead unit asks for a later deadline, before the task is closed',
      params: IdParams, headers: WorkflowHeaders, body: ExtensionRequestBody,
      response: { 201: extension, ...problems(400, 403, 404, 409, 412, 422) },
    },
  }, async (request, reply) => {
    const view = extensions.request(request.params.id, request.body, viewerOf(request), {
      ifMatch: request.headers['if-match'], remember: rememberResponse(request, 201),
    })
    return reply.code(201).send(view)
  })

  app.get('/api/tasks/:id/extension-requests', {
    config: { roles: READERS },
    schema: { tags, summary: "A task's extension requests, oldest first", params: IdParams, response: { 200: Type.Object({ items: Type.Array(extension) }), ...problems(400, 403, 404) } },
  }, async (request) => ({ items: extensions.list(request.params.id, viewerOf(request)) }))

  app.post('/api/extension-requests/:id/decision', {
    config: { roles: WRITERS, idempotent: true },
    schema: {
      tags, summary: "Approve (the task's deadline moves; the old one stays on the request) or reject; If-Match takes the task's ETag",
      params: IdParams, headers: WorkflowHeaders, body: ExtensionDecisionBody,
      response: { 200: extension, ...problems(400, 403, 404, 409, 412, 422) },
    },
  }, async (request) => extensions.decide(request.params.id, request.body, viewerOf(request), {
    ifMatch: request.headers['if-match'], remember: rememberResponse(request, 200),
  }))
}
export default routes
