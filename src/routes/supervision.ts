import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { instructionRoutes } from './instructions.js'
import { noticeRoutes } from './notices.js'
import { supervisionDeskRoutes } from './supervision-desk.js'

/** The supervision office's and leaders' routes: 督办单, 批示, the desk and a unit's page, and their entries in the task timeline. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { notices, instructions } = app.repos
  app.timelineSources.push(notices.timeline, instructions.timeline)
  await app.register(noticeRoutes(notices))
  await app.register(instructionRoutes(instructions))
  await app.register(supervisionDeskRoutes(notices))
}
export default routes
