import fp from 'fastify-plugin'
import { createCompletionRequestsRepository, type CompletionRequestsRepository } from '../repositories/completion-requests.js'
import { createExtensionsRepository, type ExtensionsRepository } from '../repositories/extensions.js'
import { createProgressRepository, type ProgressRepository } from '../repositories/progress.js'
import { createReportsRepository, type ReportsRepository } from '../repositories/reports.js'
import { createWorkflowTimelineSources } from '../repositories/timeline.js'
import { createGroupCommit, type GroupCommit } from '../repositories/workflow-commits.js'
import { createWorkflowRepository, type WorkflowRepository } from '../repositories/workflow.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The task workflow: lifecycle, reports, extensions, progress. */
    workflow: {
      lifecycle: WorkflowRepository
      reports: ReportsRepository
      extensions: ExtensionsRepository
      completions: CompletionRequestsRepository
      progress: ProgressRepository
      /** Shares one durable commit among the report submissions that arrive together. */
      commits: GroupCommit
    }
  }
}

/** Wires the workflow repositories to the app's clock and adds their entries to the task timeline. */
export default fp(async (app) => {
  const { db, repos, today } = app
  const now = app.clock
  const lifecycle = createWorkflowRepository(db, { tasks: repos.tasks, now })
  const reports = createReportsRepository(db, { tasks: repos.tasks, workflow: lifecycle, files: repos.files, now, today })
  const extensions = createExtensionsRepository(db, {
    tasks: repos.tasks, plans: repos.plans, workflow: lifecycle, files: repos.files, calendar: () => repos.calendar.calendar(), now, today,
  })
  const progress = createProgressRepository(db, { plans: repos.plans, units: repos.units, lights: repos.lights, today })
  const completions = createCompletionRequestsRepository(db, { tasks: repos.tasks, files: repos.files })
  app.decorate('workflow', { lifecycle, reports, extensions, completions, progress, commits: createGroupCommit(db) })
  app.timelineSources.push(...createWorkflowTimelineSources(db))
}, { name: 'workflow', dependencies: ['db', 'timeline'] })
