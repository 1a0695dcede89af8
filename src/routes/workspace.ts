import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { viewerOf } from '../http/viewer.js'
import { createWorkspaceRepository } from '../repositories/workspace.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { ReportContextQuery, ReportContextSchema, TodoSchema } from '../schemas/workspace.js'

const tags = ['workspace']

/** The unit user's workspace: 待办 and the 填报 form's context. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const workspace = createWorkspaceRepository(app.db, {
    tasks: app.repos.tasks, reports: app.workflow.reports, extensions: app.workflow.extensions, notices: app.repos.notices, instructions: app.repos.instructions,
    calendar: () => app.repos.calendar.calendar(), now: app.clock, today: app.today,
  })

  app.get('/api/todo', {
    config: { roles: ['unit'] },
    schema: {
      tags, summary: "待办: tasks to sign for, this period's reports due (working days left), returned tasks and reports with the reason, recent extension decisions, "
        + "督办单 awaiting the unit's reply (反馈) and 批示 awaiting its 落实情况",
      response: { 200: ref(TodoSchema), ...problems(403) },
    },
  }, async (request) => workspace.todo(viewerOf(request)))

  app.get('/api/tasks/:id/report-context', {
    config: { roles: ['unit'] },
    schema: {
      tags, summary: "填报: the unit's role, the period's reporting date, each yearly target with its actual and 序时进度, its own report and its partners' contributions",
      params: IdParams, querystring: ReportContextQuery,
      response: { 200: ref(ReportContextSchema), ...problems(400, 403, 404) },
    },
  }, async (request) => workspace.reportContext(request.params.id, viewerOf(request), request.query.period))
}
export default routes
