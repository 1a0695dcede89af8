import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import type { NoticesRepository } from '../repositories/notices.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import {
  NoticeAcceptBody, NoticeCreateBody, NoticeDetailSchema, NoticeFormatQuery, NoticeListQuery, NoticeReopenBody, NoticeReplyBody, NoticeSchema,
} from '../schemas/supervision.js'
import { noticeDocx, noticeFileName } from '../supervision/notice-docx.js'
import { SUMMARY_MEDIA_TYPES } from '../summaries/render.js'

const tags = ['notices']
/** The supervision office issues and reviews notices (admins may too); the lead unit replies. */
const SUPERVISORS = ['supervisor', 'admin'] as const
const detail = ref(NoticeDetailSchema)
const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

/** 督办单: issue, list, read (JSON or Word), reply (反馈), accept, ask again. */
export function noticeRoutes(repo: NoticesRepository): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/notices', {
      config: { roles: SUPERVISORS },
      schema: {
        tags, summary: 'Issue a numbered notice (督办单) to the task\'s lead unit, coloured by the task\'s light; mailed to the unit',
        body: NoticeCreateBody, response: { 201: detail, ...problems(400, 403, 404, 409, 422) },
      },
    }, async (request, reply) => {
      const notice = repo.issue(request.body, viewerOf(request))
      return reply.code(201).header('location', `/api/notices/${notice.id}`).send(notice)
    })

    app.get('/api/notices', {
      config: { roles: READERS },
      schema: {
        tags, summary: 'Notices, newest first; unit users see those addressed to their unit',
        querystring: NoticeListQuery,
        response: { 200: Type.Object({ items: Type.Array(ref(NoticeSchema)), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 403) },
      },
    }, async (request) => {
      const { cursor, ...filter } = request.query
      const page = repo.list({ ...filter, afterId: cursor ? Number(cursor) : undefined }, viewerOf(request))
      return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) }
    })

    app.get('/api/notices/:id', {
      config: { roles: READERS },
      schema: {
        tags, summary: 'One notice with its history (json), or the notice as a Word file (docx)',
        params: IdParams, querystring: NoticeFormatQuery,
        response: {
          200: {
            description: 'The notice in the requested format',
            content: {
              'application/json': { schema: detail },
              [SUMMARY_MEDIA_TYPES.docx]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...problems(400, 403, 404),
        },
      },
    }, async (request, reply) => {
      const notice = repo.get(request.params.id, viewerOf(request))
      if (request.query.format === 'json') return reply.type('application/json').send(notice)
      const plan = app.repos.plans.get(notice.planId)
      return reply.type(SUMMARY_MEDIA_TYPES.docx)
        .header('content-disposition', attachment(noticeFileName(notice), `notice-${notice.id}.docx`))
        .send(await noticeDocx(notice, plan?.title ?? ''))
    })

    app.post('/api/notices/:id/reply', {
      config: { roles: ['unit'] },
      schema: {
        tags, summary: 'The lead unit replies (反馈), with its evidence (佐证材料) if any; the notice then awaits review',
        params: IdParams, body: NoticeReplyBody, response: { 200: detail, ...problems(400, 403, 404, 409, 422) },
      },
    }, async (request) => repo.reply(request.params.id, request.body, viewerOf(request)))

    app.post('/api/notices/:id/accept', {
      config: { roles: SUPERVISORS },
      schema: {
        tags, summary: 'Accept the unit\'s reply; the notice is done', params: IdParams, body: NoticeAcceptBody,
        response: { 200: detail, ...problems(400, 403, 404, 409) },
      },
    }, async (request) => repo.accept(request.params.id, viewerOf(request), request.body.comment))

    app.post('/api/notices/:id/reopen', {
      config: { roles: SUPERVISORS },
      schema: {
        tags, summary: 'Ask again: the reply is not enough; back to the unit with a reason and a new reply-by date (mailed)',
        params: IdParams, body: NoticeReopenBody, response: { 200: detail, ...problems(400, 403, 404, 409) },
      },
    }, async (request) => repo.reopen(request.params.id, request.body.reason, viewerOf(request), request.body.replyBy))
  }
}
