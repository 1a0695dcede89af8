import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { badRequest } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { namedPlan, planFileDocument, readPlanFile } from '../importing/plan-file.js'
import { createPlanImporter } from '../importing/plan-import.js'
import { WRITERS } from '../plugins/auth.js'
import { problems, ref } from '../schemas/common.js'
import { ImportResultSchema, PlanFileImportBody } from '../schemas/imports.js'

/** A published plan's PDF, fonts embedded, runs to a few MB; more than this is 413. */
const PLAN_FILE_LIMIT_BYTES = 20 * 1024 * 1024

const result = ref(ImportResultSchema)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const importer = createPlanImporter(app.db, app.repos)
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: PLAN_FILE_LIMIT_BYTES, files: 1, fields: 10 } })

  app.post('/api/imports/plan-file', {
    config: { roles: WRITERS },
    schema: {
      tags: ['imports'],
      summary: 'Import a plan from the file as received: .docx, .doc, .pdf or text; a 台账 (.xlsx, CSV) goes to the ledger import',
      description: 'multipart/form-data with the file in `file`. The format is recognised from the content (PDF, OLE2 .doc, zip with '
        + 'word/document.xml or xl/workbook.xml, else text in UTF-8 or GB18030). Word tables whose header names the task columns '
        + '(序号, 重点任务, 牵头单位, 责任单位, 完成时限 …) become tasks. A plan document names its own plan; `planId`, or `title`, '
        + '`startYear`, `endYear` (and `docNumber`), override that, and a 台账 needs them. Same import, transaction and re-import '
        + 'as plan-text. A damaged, encrypted or scanned (no text layer) file is 422; more than 20 MB, a zip expanding past 50 MB '
        + 'or a PDF of more than 1,000 pages is 413; nothing is written.',
      consumes: ['multipart/form-data'],
      body: PlanFileImportBody,
      response: { 200: result, 201: result, ...problems(400, 403, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const viewer = viewerOf(request)
    const { file, dryRun } = request.body
    if (!Buffer.isBuffer(file)) throw badRequest('Upload the plan as a file part named file.', [{ in: 'body', field: 'file', detail: 'must be a file' }])
    const plan = namedPlan(request.body)
    const { doc, source, parse } = planFileDocument(await readPlanFile(file), plan, app.today())
    if (dryRun) return parse ? { ...importer.dryRun(doc, viewer.id, source), parse } : importer.dryRun(doc, viewer.id, source)
    const outcome = importer.commit(doc, viewer.id, source)
    if (outcome.created.plans > 0) reply.code(201).header('location', `/api/plans/${outcome.planId}`)
    return outcome
  })
}
export default routes
