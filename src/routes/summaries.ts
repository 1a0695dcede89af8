import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { SummaryContent } from '../domain/summaries/content.js'
import type { SummaryKind } from '../domain/summaries/period.js'
import { notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import type { Viewer } from '../plugins/auth.js'
import { READERS, WRITERS } from '../plugins/auth.js'
import type { SummaryMeta } from '../repositories/summaries.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { SummaryCreateBody, SummaryFormatQuery, SummaryListQuery, SummaryListSchema, SummaryMetaSchema, SummarySchema } from '../schemas/summaries.js'
import { renderSummary, SUMMARY_MEDIA_TYPES, summaryFileName } from '../summaries/render.js'
import { createSummaryService } from '../summaries/service.js'

const tags = ['summaries']
/** The notices circulated to every unit; the monthly dispatch goes to the office and leaders only. */
const CIRCULATED: readonly SummaryKind[] = ['quarterly', 'annual']
const kindsFor = (viewer: Viewer) => (viewer.role === 'unit' ? CIRCULATED : undefined)

const meta = ({ id, kind, planId, period, title, contentHash, generatedAt, generatedBy }: SummaryMeta): SummaryMeta =>
  ({ id, kind, planId, period, title, contentHash, generatedAt, generatedBy })

/** RFC 6266: an ASCII fallback name and the UTF-8 title. */
const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createSummaryService({ db: app.db, repos: app.repos, today: app.today, clock: app.clock })
  const { store } = service

  app.post('/api/summaries', {
    config: { roles: WRITERS },
    schema: {
      tags, summary: 'Generate a monthly dispatch (月调度), quarterly notice (季度通报) or annual assessment (年度考核); 201 when new, 200 when the content is unchanged',
      body: SummaryCreateBody,
      response: { 201: ref(SummaryMetaSchema), 200: ref(SummaryMetaSchema), ...problems(400, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const summary = service.generate(request.body, viewerOf(request).id)
    return reply.code(summary.created ? 201 : 200).header('location', `/api/summaries/${summary.id}`).send(meta(summary))
  })

  app.get('/api/summaries', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'The summaries in force (newest per kind, plan and period), newest first; unit users see the circulated notices',
      querystring: SummaryListQuery,
      response: { 200: ref(SummaryListSchema), ...problems(400, 403) },
    },
  }, async (request) => {
    const { cursor, ...filter } = request.query
    const items = store.list({ ...filter, kinds: kindsFor(viewerOf(request)), beforeId: cursor === undefined ? undefined : Number(cursor) })
    const last = items[items.length - 1]
    return { items, nextCursor: items.length === filter.limit && last ? String(last.id) : null }
  })

  app.get('/api/summaries/:id', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'One summary: its content (json) or the document (md, html, docx)',
      params: IdParams,
      querystring: SummaryFormatQuery,
      response: {
        200: {
          description: 'The summary in the requested format',
          content: {
            'application/json': { schema: ref(SummarySchema) },
            'text/markdown': { schema: Type.String() },
            'text/html': { schema: Type.String() },
            [SUMMARY_MEDIA_TYPES.docx]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
          },
        },
        ...problems(400, 403, 404),
      },
    },
  }, async (request, reply) => {
    const stored = store.getText(request.params.id)
    const kinds = kindsFor(viewerOf(request))
    if (!stored || (kinds && !kinds.includes(stored.kind))) throw notFound(`Summary ${request.params.id}`)
    const { format } = request.query
    reply.header('etag', `"${stored.contentHash}-${format}"`)
    // The stored content is sent as stored: a JSON text is not serialised again.
    if (format === 'json') return reply.type(SUMMARY_MEDIA_TYPES.json).send(`${JSON.stringify(meta(stored)).slice(0, -1)},"content":${stored.content}}`)
    const summary = { ...stored, content: JSON.parse(stored.content) as SummaryContent }
    const body = format === 'docx' ? await renderSummary(summary, 'docx') : renderSummary(summary, format)
    if (format === 'docx') reply.header('content-disposition', attachment(summaryFileName(summary, format), `summary-${summary.id}.docx`))
    return reply.type(SUMMARY_MEDIA_TYPES[format]).send(body)
  })
}
export default routes
