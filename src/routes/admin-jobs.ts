import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Job, Queue } from 'bullmq'
import { parsePeriod, SUMMARY_KINDS } from '../domain/summaries/period.js'
import { badRequest, notFound, Problem } from '../http/problem.js'
import { readyWithin } from '../queues/connection.js'
import { JOBS, type QueueName } from '../queues/names.js'
import { summaryJobName } from '../queues/schedulers.js'
import { periodBefore } from '../queues/summary-schedule.js'
import { waitForJob } from '../queues/wait-for-job.js'
import { problems, ref } from '../schemas/common.js'
import { DailyScanResultSchema, JobBody, jobRunSchema, SummaryJobBody, SummaryJobResultSchema, WaitQuery } from '../schemas/pipeline.js'

const tags = ['jobs']
const ADMIN = ['admin'] as const
/** How long `?wait=true` waits before answering 202 with the job still running. */
const WAIT_MS = 120_000

const unavailable = () => new Problem(503, 'Service Unavailable', 'The job queue (Redis) is unreachable; nothing was started. Try again shortly.')

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { queues, queueEvents } = app.pipeline

  /** Adds the job; with `wait`, answers 200 with its result (or failure), else 202 with its state. */
  async function run(queueName: QueueName, name: string, data: Record<string, unknown>, wait: boolean) {
    const queue: Queue = queues[queueName]
    if (!(await readyWithin(app.redis))) throw unavailable()
    let job: Job
    try {
      job = await queue.add(name, data)
    } catch {
      throw unavailable()
    }
    const base = { jobId: job.id!, queue: queueName }
    if (!wait) return { status: 202 as const, body: { ...base, state: 'waiting' } }
    try {
      const result = await waitForJob(queue, job, await queueEvents(queueName), WAIT_MS)
      return { status: 200 as const, body: { ...base, state: 'completed', result } }
    } catch {
      const state = await job.getState().catch(() => 'unknown')
      if (state !== 'failed') return { status: 202 as const, body: { ...base, state } }
      const failed = await queue.getJob(job.id!)
      return { status: 200 as const, body: { ...base, state, failedReason: failed?.failedReason ?? 'failed' } }
    }
  }

  app.post('/api/admin/jobs/daily-scan', {
    config: { roles: ADMIN },
    schema: {
      tags, summary: 'Run the daily scan (reminders and escalations) as of a date; ?wait=true answers with what it did',
      querystring: WaitQuery, body: JobBody,
      response: { 200: jobRunSchema(ref(DailyScanResultSchema)), 202: jobRunSchema(ref(DailyScanResultSchema)), ...problems(400, 403, 503) },
    },
  }, async (request, reply) => {
    const { status, body } = await run('scans', JOBS.dailyScan, { asOf: request.body.asOf ?? app.today() }, request.query.wait ?? false)
    return reply.code(status).send(body as never)
  })

  for (const kind of SUMMARY_KINDS) {
    app.post(`/api/admin/jobs/${summaryJobName(kind)}`, {
      config: { roles: ADMIN },
      schema: {
        tags, summary: `Generate the ${kind} summary of the period before a date, for one plan or all, and mail it; ?wait=true answers with what it did`,
        querystring: WaitQuery, body: SummaryJobBody,
        response: { 200: jobRunSchema(ref(SummaryJobResultSchema)), 202: jobRunSchema(ref(SummaryJobResultSchema)), ...problems(400, 403, 404, 503) },
      },
    }, async (request, reply) => {
      const { asOf, planId } = request.body
      if (asOf !== undefined && !parsePeriod(kind, periodBefore(kind, asOf))) {
        throw badRequest(`The ${kind} summary as of ${asOf} would cover ${periodBefore(kind, asOf)}, outside the service's years.`, [{ in: 'body', field: 'asOf', detail: 'summarises a period outside the service\'s years' }])
      }
      if (planId !== undefined && !app.repos.plans.get(planId)) throw notFound(`Plan ${planId}`)
      const { status, body } = await run('summaries', summaryJobName(kind), { asOf: asOf ?? app.today(), ...(planId !== undefined && { planId }) }, request.query.wait ?? false)
      return reply.code(status).send(body as never)
    })
  }
}
export default routes
