import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../db/schema/index.js'
import { unprocessable } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { rememberResponse } from '../plugins/idempotency.js'
import { etagOf, type TaskDetail } from '../repositories/tasks.js'
import type { StatusAction } from '../repositories/workflow.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { TaskSchema } from '../schemas/tasks.js'
import { Type } from 'typebox'
import { CommentBody, CompletionRequestBody, CompletionRequestSchema, ReasonBody, TaskReviewBody, WorkflowHeaders } from '../schemas/workflow.js'

const tags = ['workflow']
const UNIT: readonly Role[] = ['unit']
const response = { 200: ref(TaskSchema), ...problems(400, 403, 404, 409, 412, 422) }
const etag = (task: TaskDetail) => ({ etag: etagOf(task) })

/** The task's status-changing steps: each answers with the task and its new ETag. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { lifecycle, completions } = app.workflow
  const { files } = app.repos

  interface Step { action: StatusAction; comment: string | null; validate?: () => void; alongside?: (transitionId: number) => void }
  function run(request: FastifyRequest & { params: { id: number }; headers: { 'if-match'?: string } }, reply: FastifyReply, { action, comment, validate, alongside }: Step) {
    const task = lifecycle.transition(request.params.id, action, viewerOf(request), {
      comment, validate, alongside, ifMatch: request.headers['if-match'], remember: rememberResponse(request, 200, etag),
    })
    return reply.headers(etag(task)).send(task)
  }
  const config = (roles: readonly Role[]) => ({ roles, idempotent: true })
  const schema = <B>(summary: string, body: B) => ({ tags, summary, params: IdParams, headers: WorkflowHeaders, body, response })

  app.post('/api/tasks/:id/dispatch', {
    config: config(WRITERS), schema: schema('交办: dispatch a draft task to its units (draft → dispatched)', CommentBody),
  }, async (request, reply) => run(request, reply, { action: 'dispatch', comment: request.body.comment ?? null }))

  app.post('/api/tasks/:id/acknowledge', {
    config: config(UNIT), schema: schema('签收: the lead unit signs for the task (dispatched → acknowledged)', CommentBody),
  }, async (request, reply) => run(request, reply, { action: 'acknowledge', comment: request.body.comment ?? null }))

  app.post('/api/tasks/:id/completion-request', {
    config: config(UNIT), schema: schema('办结申请: the lead unit reports the task done (in_progress → completion_requested)', CompletionRequestBody),
  }, async (request, reply) => run(request, reply, {
    action: 'request-completion', comment: request.body.summary,
    alongside: (transitionId) => files.attachFiles(app.db, {
      fileIds: request.body.attachmentIds ?? [], ownerType: 'completion_request', ownerId: transitionId, taskId: request.params.id, viewer: viewerOf(request),
    }),
  }))

  app.get('/api/tasks/:id/completion-requests', {
    config: { roles: READERS },
    schema: {
      tags, summary: "A task's completion requests (办结申请), oldest first, each with its evidence and the office's decision",
      params: IdParams, response: { 200: Type.Object({ items: Type.Array(ref(CompletionRequestSchema)) }), ...problems(400, 403, 404) },
    },
  }, async (request) => ({ items: completions.list(request.params.id, viewerOf(request)) }))

  app.post('/api/tasks/:id/review', {
    config: config(WRITERS), schema: schema('Review a completion request: accept closes the task (销号), return sends it back (退回, needs a comment)', TaskReviewBody),
  }, async (request, reply) => {
    const comment = request.body.comment?.trim() || null
    const requireComment = () => {
      if (!comment) throw unprocessable('Returning a task needs a comment saying what is missing.', [{ in: 'body', field: 'comment', detail: 'is required when decision is return' }])
    }
    return run(request, reply, { action: request.body.decision, comment, validate: request.body.decision === 'return' ? requireComment : undefined })
  })

  app.post('/api/tasks/:id/suspend', {
    config: config(WRITERS), schema: schema('Suspend a task under way, with a reason', ReasonBody),
  }, async (request, reply) => run(request, reply, { action: 'suspend', comment: request.body.reason }))

  app.post('/api/tasks/:id/resume', {
    config: config(WRITERS), schema: schema('Resume a suspended task where it stood, with a reason', ReasonBody),
  }, async (request, reply) => run(request, reply, { action: 'resume', comment: request.body.reason }))

  app.post('/api/tasks/:id/cancel', {
    config: config(WRITERS), schema: schema('Cancel a task, with a reason', ReasonBody),
  }, async (request, reply) => run(request, reply, { action: 'cancel', comment: request.body.reason }))
}
export default routes
