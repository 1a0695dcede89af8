import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import type { InstructionsRepository } from '../repositories/instructions.js'
import { IdParams, problems, ref } from '../schemas/common.js'
import { InstructionCreateBody, InstructionDetailSchema, InstructionListQuery, InstructionReportBody, InstructionSchema } from '../schemas/supervision.js'

const tags = ['instructions']
const detail = ref(InstructionDetailSchema)

/** 批示: leaders write them, the units addressed report 落实情况, everyone with a stake reads them. */
export function instructionRoutes(repo: InstructionsRepository): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/instructions', {
      config: { roles: ['leader', 'admin'] },
      schema: {
        tags, summary: 'A leader\'s instruction (批示) on a task, plan or unit; to the lead unit(s) and the office, mailed',
        body: InstructionCreateBody, response: { 201: detail, ...problems(400, 403, 422) },
      },
    }, async (request, reply) => {
      const instruction = repo.issue(request.body, viewerOf(request))
      return reply.code(201).header('location', `/api/instructions/${instruction.id}`).send(instruction)
    })

    app.get('/api/instructions', {
      config: { roles: READERS },
      schema: {
        tags, summary: 'Instructions, newest first: open, overdue or answered; unit users see those addressed to their unit',
        querystring: InstructionListQuery,
        response: { 200: Type.Object({ items: Type.Array(ref(InstructionSchema)), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400, 403) },
      },
    }, async (request) => {
      const { cursor, ...filter } = request.query
      const page = repo.list({ ...filter, afterId: cursor ? Number(cursor) : undefined }, viewerOf(request))
      return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) }
    })

    app.get('/api/instructions/:id', {
      config: { roles: READERS },
      schema: { tags, summary: 'One instruction with the units\' reports', params: IdParams, response: { 200: detail, ...problems(400, 403, 404) } },
    }, async (request) => repo.get(request.params.id, viewerOf(request)))

    app.post('/api/instructions/:id/report', {
      config: { roles: ['unit'] },
      schema: {
        tags, summary: 'An addressed unit reports how it acted on the instruction (落实情况)',
        params: IdParams, body: InstructionReportBody, response: { 200: detail, ...problems(400, 403, 404) },
      },
    }, async (request) => repo.report(request.params.id, request.body.text, viewerOf(request)))
  }
}
