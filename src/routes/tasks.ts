import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createDbStateCache } from '../http/db-state-cache.js'
import { gzip, sendGzipped } from '../http/response-encoding.js'
import { viewerOf } from '../http/viewer.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import { etagOf } from '../repositories/tasks.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { TaskListQuery, TaskListSchema, TaskPatchBody, TaskSchema } from '../schemas/tasks.js'

const task = ref(TaskSchema)
const tags = ['tasks']
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'The task ETag; a stale one is 412' })) })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.tasks
  // Pages are kept gzipped: a tenth of the memory, and most clients take them so. Only pages asked for twice are
  // kept: a walk over thousands of distinct URLs (filters, page sizes, cursors) would otherwise fill the cache
  // with pages never asked for again, and the collector would keep moving them through the old generation.
  const listCache = createDbStateCache<Buffer>(app.db.$client, {
    maxSize: 32 * 1024 * 1024, sizeCalculation: (body, key) => body.length + 2 * key.length, admitOnSecondUse: true,
  })

  app.get('/api/tasks', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'Find tasks: filters, sorting and cursor pages (unit users see only their own tasks)',
      querystring: TaskListQuery,
      response: { 200: ref(TaskListSchema), ...problems(400, 403) },
    },
  }, async (request, reply) => {
    const viewer = viewerOf(request)
    const scope = viewer.role === 'unit' ? `unit:${viewer.unitId}` : 'all'
    const body = listCache.get(JSON.stringify([scope, app.today(), request.query]), () => gzip(reply.serialize(repo.list(request.query, viewer)) as string))!
    // Serialised by this route's own serializer already; fastify sends a Buffer as it is.
    return sendGzipped(request, reply.type('application/json; charset=utf-8'), body)
  })

  app.get('/api/tasks/:id', {
    config: { roles: READERS },
    schema: { tags, summary: 'One task with units by role, targets and light', params: IdParams, response: { 200: task, ...problems(400, 403, 404) } },
  }, async (request, reply) => {
    const view = repo.get(request.params.id, viewerOf(request))
    return reply.header('etag', etagOf(view)).send(view)
  })

  app.patch('/api/tasks/:id', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Change a task (honours If-Match)', params: IdParams, headers: IfMatch, body: TaskPatchBody, response: { 200: task, ...problems(400, 403, 404, 409, 412, 422) } },
  }, async (request, reply) => {
    const view = repo.update(request.params.id, request.body, viewerOf(request).id, request.headers['if-match'])
    return reply.header('etag', etagOf(view)).send(view)
  })

  app.delete('/api/tasks/:id', {
    config: { roles: WRITERS },
    schema: { tags, summary: 'Delete a draft task (others are cancelled instead)', params: IdParams, headers: IfMatch, response: { 204: Type.Null(), ...problems(400, 403, 404, 409, 412) } },
  }, async (request, reply) => {
    repo.remove(request.params.id, viewerOf(request).id, request.headers['if-match'])
    return reply.code(204).send(null)
  })
}
export default routes
