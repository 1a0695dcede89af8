import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createInstructionsRepository } from '../repositories/instructions.js'
import { createNoticesRepository } from '../repositories/notices.js'
import { instructionRoutes } from './instructions.js'
import { noticeRoutes } from './notices.js'
import { supervisionDeskRoutes } from './supervision-desk.js'

/** The supervision office's and leaders' routes: 督办单, 批示, the desk and a unit's page, and their entries in the task timeline. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { tasks: app.repos.tasks, calendar: () => app.repos.calendar.calendar(), clock: app.clock, today: app.today }
  const notices = createNoticesRepository(app.db, deps)
  const instructions = createInstructionsRepository(app.db, deps)
  app.timelineSources.push(notices.timeline, instructions.timeline)
  await app.register(noticeRoutes(notices))
  await app.register(instructionRoutes(instructions))
  await app.register(supervisionDeskRoutes(notices))
}
export default routes
