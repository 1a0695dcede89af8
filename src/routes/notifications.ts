import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { conflict, notFound, Problem } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { readyWithin } from '../queues/connection.js'
import { retrySend } from '../queues/retry-send.js'
import { recordAudit } from '../repositories/audit.js'
import { IdParams, problems, ref } from '../schemas/common.js'
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

  app.post('/api/notifications/:id/retry', {
    config: { roles: WRITERS },
    schema: {
      tags: ['notifications'],
      summary: 'Send a failed notification again (it is queued anew; the ledger makes sure it is mailed once)',
      params: IdParams,
      response: { 200: ref(NotificationSchema), ...problems(400, 403, 404, 409, 503) },
    },
  }, async (request) => {
    const { id } = request.params
    const row = repo.get(id)
    if (!row) throw notFound(`Notification ${id}`)
    if (row.status !== 'failed') throw conflict(`Notification ${id} is ${row.status}; only a failed notification is retried.`, { currentState: row.status })
    if (!(await readyWithin(app.redis))) throw new Problem(503, 'Service Unavailable', 'The mail queue (Redis) is unreachable; nothing was changed. Try again shortly.')
    const requeued = app.db.transaction((tx) => {
      if (!repo.requeueFailed(id, new Date())) return false
      recordAudit(tx, { actorId: viewerOf(request).id, action: 'notification.retry', entityType: 'notification', entityId: id, before: { status: 'failed', lastError: row.lastError }, after: { status: 'queued' } })
      return true
    })
    if (!requeued) throw conflict(`Notification ${id} was retried by another request.`)
    // Should adding the job fail now, the row is queued all the same: the relay's sweep enqueues it later.
    await retrySend(app.pipeline.queues.mail, id).catch((err: Error) => request.log.warn(`Notification ${id} queued for a later sweep: ${err.message}`))
    const { bodyText: _text, bodyHtml: _html, ...item } = repo.get(id)!
    return item
  })
}
export default routes
