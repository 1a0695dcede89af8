import Fastify, { type FastifyServerOptions } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import type { Db } from './db/client.js'
import { addFormats } from './schemas/formats.js'
import authPlugin from './plugins/auth.js'
import dbPlugin from './plugins/db.js'
import errorsPlugin, { frameworkErrorOptions } from './plugins/errors.js'
import finiteNumbersPlugin from './plugins/finite-numbers.js'
import emptyBodyPlugin from './plugins/empty-body.js'
import redisPlugin from './plugins/redis.js'
import swaggerPlugin from './plugins/swagger.js'
import idempotencyPlugin from './plugins/idempotency.js'
import workflowPlugin from './plugins/workflow.js'
import timelinePlugin from './timeline.js'
import pipelinePlugin from './plugins/pipeline.js'
import auditRoutes from './routes/audit.js'
import calendarRoutes from './routes/calendar.js'
import healthRoutes from './routes/health.js'
import planRoutes from './routes/plans.js'
import taskRoutes from './routes/tasks.js'
import unitRoutes from './routes/units.js'
import userRoutes from './routes/users.js'
import sessionRoutes from './routes/session.js'
import importRoutes from './routes/imports.js'
import ledgerRoutes from './routes/ledger.js'
import planFileImportRoutes from './routes/plan-file-import.js'
import workflowRoutes from './routes/workflow.js'
import reportRoutes from './routes/reports.js'
import extensionRequestRoutes from './routes/extension-requests.js'
import timelineRoutes from './routes/timeline.js'
import taskActionRoutes from './routes/task-actions.js'
import progressRoutes from './routes/progress.js'
import summaryRoutes from './routes/summaries.js'
import adminJobRoutes from './routes/admin-jobs.js'
import escalationRoutes from './routes/escalations.js'
import notificationRoutes from './routes/notifications.js'
import bullBoardRoutes from './routes/bull-board.js'
import fileRoutes from './routes/files.js'
import workspaceRoutes from './routes/workspace.js'
import reviewRoutes from './routes/reviews.js'
import dashboardRoutes from './routes/dashboard.js'
import supervisionRoutes from './routes/supervision.js'
import consolePlugin from './plugins/console.js'

export interface AppDeps {
  config: Config
  db: Db
  /** Replaces the wall clock (tests, time travel). */
  clock?: () => Date
  logger?: FastifyServerOptions['logger']
}

/** Builds the API from explicit plugin registrations; `server.ts` only starts it. */
export async function buildApp({ config, db, clock, logger }: AppDeps) {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    ...frameworkErrorOptions,
    // A hop count is valid at run time; the typings only list the other forms.
    trustProxy: config.trustProxy as boolean | string,
    // strictNumbers: NaN and Infinity are not numbers; formats: `date` and `month` are real days in the service's years.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true, strictNumbers: true }, onCreate: addFormats },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('readinessChecks', [])
  // The API speaks JSON (and multipart for uploads); plain text is refused with 415 rather than half-parsed.
  app.removeContentTypeParser('text/plain')
  await app.register(errorsPlugin)
  await app.register(finiteNumbersPlugin)
  await app.register(emptyBodyPlugin)
  await app.register(dbPlugin, { db, clock })
  await app.register(redisPlugin, { url: config.redisUrl })
  app.readinessChecks.push(
    { name: 'database', critical: true, run: () => (db.$client.prepare('SELECT 1 AS ok').get() ? { ok: true, detail: 'ok' } : { ok: false, detail: 'no answer' }) },
    { name: 'redis', critical: false, run: () => app.redisStatus() },
  )
  await app.register(authPlugin, { config })
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Keyed on who asks, as the auth hook (registered before) resolved it — however the token or session was
    // written — else on the client's address.
    keyGenerator: (request) => (request.viewer ? `user:${request.viewer.id}` : `ip:${request.ip}`),
  })
  await app.register(swaggerPlugin)
  await app.register(idempotencyPlugin)
  await app.register(timelinePlugin)
  await app.register(workflowPlugin)
  await app.register(pipelinePlugin, { config })

  await app.register(healthRoutes)
  await app.register(unitRoutes)
  await app.register(userRoutes)
  await app.register(sessionRoutes)
  await app.register(planRoutes)
  await app.register(taskRoutes)
  await app.register(auditRoutes)
  await app.register(calendarRoutes)
  await app.register(importRoutes)
  await app.register(ledgerRoutes)
  await app.register(planFileImportRoutes)
  await app.register(workflowRoutes)
  await app.register(reportRoutes)
  await app.register(extensionRequestRoutes)
  await app.register(timelineRoutes)
  await app.register(taskActionRoutes)
  await app.register(progressRoutes)
  await app.register(summaryRoutes)
  await app.register(adminJobRoutes)
  await app.register(escalationRoutes)
  await app.register(notificationRoutes)
  await app.register(bullBoardRoutes)
  await app.register(fileRoutes, { config })
  await app.register(workspaceRoutes)
  await app.register(reviewRoutes)
  await app.register(supervisionRoutes)
  await app.register(dashboardRoutes)
  await app.register(consolePlugin)
  return app
}
export type App = Awaited<ReturnType<typeof buildApp>>
