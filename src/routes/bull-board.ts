import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import type { FastifyPluginAsync } from 'fastify'

export const BULL_BOARD_PATH = '/admin/queues'

/**
 * bull-board over every queue at /admin/queues. The auth hook admits admins only (a browser is asked for
 * the API token as the Basic password); the board's routes are kept out of the OpenAPI document and
 * their errors go through the API's one error handler, not the board's own (which echoes messages).
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
  const apiErrorHandler = app.errorHandler
  app.addHook('onRoute', (route) => {
    route.errorHandler = apiErrorHandler
    route.schema = { ...route.schema, hide: true }
  })
  await app.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH })
}
export default routes
