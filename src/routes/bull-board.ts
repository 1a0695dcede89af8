import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import type { FastifyPluginAsync } from 'fastify'
import { Problem } from '../http/problem.js'
import { readyWithin } from '../queues/connection.js'

export const BULL_BOARD_PATH = '/admin/queues'
/** A `<link>` to another origin (stylesheets, fonts, preconnects). */
const EXTERNAL_LINK = /<link\b[^>]*\bhref="(?:https?:)?\/\/[^"]*"[^>]*>\s*/gi

/**
 * bull-board over every queue at /admin/queues. The auth hook admits admins only (a browser is asked for
 * the API token as the Basic password); the board's routes are kept out of the OpenAPI document and
 * their errors go through the API's one error handler, not the board's own (which echoes messages).
 * While Redis is away the board answers 503 rather than hang.
 */
const routes: FastifyPluginAsync = async (app) => {
  const serverAdapter = new FastifyAdapter()
  serverAdapter.setBasePath(BULL_BOARD_PATH)
  createBullBoard({
    queues: app.pipeline.queues.list.map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify pins its own @bull-board/api patch release; the adapter interface is the same.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '督办 Duban queues' } },
  })
  // The board reads Redis on every request: while Redis is away it answers 503 instead of waiting.
  app.addHook('onRequest', async () => {
    if (!(await readyWithin(app.redis))) throw new Problem(503, 'Service Unavailable', 'Redis is unreachable; the queue board is unavailable until it is back.')
  })
  // Government intranets have no internet: the board's page links Google Fonts, which is dropped (the board
  // falls back to the system's sans-serif). Nothing Duban serves loads anything from elsewhere.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    return payload.replace(EXTERNAL_LINK, '')
  })
  const apiErrorHandler = app.errorHandler
  app.addHook('onRoute', (route) => {
    route.errorHandler = apiErrorHandler
    route.schema = { ...route.schema, hide: true }
  })
  await app.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH })
}
export default routes
