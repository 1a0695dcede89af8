import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { badRequest } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { ledgerDocument } from '../importing/ledger.js'
import { readLedgerFile } from '../importing/ledger-files.js'
import { namedPlan, parsePlanFileText } from '../importing/plan-file.js'
import { createPlanImporter } from '../importing/plan-import.js'
import { planTextDocument } from '../importing/plan-text.js'
import { WRITERS } from '../plugins/auth.js'
import { problems, ref } from '../schemas/common.js'
import { ImportResultSchema, LedgerImportBody, PlanTextImportBody } from '../schemas/imports.js'

/** The most a plan's text or a 台账 file may weigh; more is 413. */
const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024

const result = ref(ImportResultSchema)
const tags = ['imports']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const importer = createPlanImporter(app.db, app.repos)
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: IMPORT_LIMIT_BYTES, files: 1, fields: 10 } })

  app.post('/api/imports/plan-text', {
    bodyLimit: IMPORT_LIMIT_BYTES,
    config: { roles: WRITERS },
    schema: {
      tags,
      summary: 'Import a published plan’s text: plan, sections, tasks, units and targets (dryRun previews the parse)',
      description: 'Units are matched by name and alias; close names come back as suggestions and are never merged. '
        + 'Importing the same plan again (same 文号, or same title and period) updates it in place. One transaction; '
        + 'text that is not a plan is 422, more than 5 MB is 413.',
      body: PlanTextImportBody,
      response: { 200: result, 201: result, ...problems(400, 403, 413, 422) },
    },
  }, async (request, reply) => {
    const viewer = viewerOf(request)
    const parsed = parsePlanFileText(request.body.text, 'text')
    const doc = planTextDocument(parsed, app.today())
    if (request.body.dryRun) return { ...importer.dryRun(doc, viewer.id, 'plan-text'), parse: parsed }
    const outcome = importer.commit(doc, viewer.id, 'plan-text')
    if (outcome.created.plans > 0) reply.code(201).header('location', `/api/plans/${outcome.planId}`)
    return outcome
  })

  app.post('/api/imports/ledger', {
    config: { roles: WRITERS },
    schema: {
      tags,
      summary: 'Import a 台账 (.xlsx or CSV) into a plan: tasks by 序号, units, deadlines and targets',
      description: 'multipart/form-data with the file in `file`, and either `planId` or `title`, `startYear`, `endYear` '
        + '(optionally `docNumber`) to find or create the plan. 状态, 最新进展 and 亮灯 are checked but not imported. '
        + 'A malformed file is 422 naming the row and column.',
      consumes: ['multipart/form-data'],
      body: LedgerImportBody,
      response: { 200: result, 201: result, ...problems(400, 403, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const viewer = viewerOf(request)
    const { file, dryRun } = request.body
    if (!Buffer.isBuffer(file)) throw badRequest('Upload the 台账 as a file part named file.', [{ in: 'body', field: 'file', detail: 'must be a file' }])
    const plan = namedPlan(request.body)
    if (!plan) throw badRequest('Name the plan: planId, or title, startYear and endYear.', (['title', 'startYear', 'endYear'] as const).map((field) => ({ in: 'body', field, detail: 'is required without planId' })))
    const doc = ledgerDocument(await readLedgerFile(file), plan)
    if (dryRun) return importer.dryRun(doc, viewer.id, 'ledger')
    const outcome = importer.commit(doc, viewer.id, 'ledger')
    if (outcome.created.plans > 0) reply.code(201).header('location', `/api/plans/${outcome.planId}`)
    return outcome
  })
}
export default routes
