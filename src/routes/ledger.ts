import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { createLedgerExporter } from '../importing/ledger-export.js'
import { LEDGER_FORMATS, LEDGER_MEDIA_TYPES } from '../importing/ledger-files.js'
import { READERS } from '../plugins/auth.js'
import { IdParams, problems } from '../schemas/common.js'
import { LedgerQuery } from '../schemas/imports.js'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const exporter = createLedgerExporter(app.db, () => app.repos.lights.ensureFresh(app.today()))

  app.get('/api/plans/:id/ledger', {
    config: { roles: READERS },
    schema: {
      tags: ['plans', 'imports'],
      summary: 'Export the plan’s 台账 as .xlsx or CSV (UTF-8 with BOM); unit users get their own tasks only',
      description: 'Columns 序号, 任务, 牵头单位, 责任单位, 配合单位, 完成时限, 年度目标, 状态, 最新进展, 亮灯; '
        + 'sections as heading rows. POST /api/imports/ledger reads the same file back.',
      params: IdParams,
      querystring: LedgerQuery,
      response: {
        200: {
          description: 'The 台账 file',
          content: Object.fromEntries(LEDGER_FORMATS.map((f) => [LEDGER_MEDIA_TYPES[f].split(';')[0]!, { schema: Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' }) }])),
        },
        ...problems(400, 403, 404),
      },
    },
  }, async (request, reply) => {
    const plan = app.repos.plans.get(request.params.id)
    if (!plan) throw notFound(`Plan ${request.params.id}`)
    const format = request.query.format ?? 'xlsx'
    const file = await exporter.export(plan.id, viewerOf(request), format)
    const name = `${plan.title}-台账.${format}`
    return reply
      .type(LEDGER_MEDIA_TYPES[format])
      .header('content-disposition', `attachment; filename="plan-${plan.id}-ledger.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(file)
  })
}
export default routes
