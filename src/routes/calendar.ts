import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../http/problem.js'
import { viewerOf } from '../http/viewer.js'
import { READERS } from '../plugins/auth.js'
import { IsoDate, problems, Nullable } from '../schemas/common.js'

const Kind = Type.Union([Type.Literal('workday'), Type.Literal('holiday')])
const Override = Type.Object({ date: Type.String(), kind: Kind, note: Type.String(), createdBy: Nullable(Type.Integer()), createdAt: Type.String() }, { additionalProperties: false })
const tags = ['calendar']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.repos.calendar

  app.get('/api/calendar/overrides', {
    config: { roles: READERS },
    schema: { tags, summary: 'Days the admin marked as working day (调休) or holiday', response: { 200: Type.Object({ items: Type.Array(Override) }), ...problems(403) } },
  }, async () => ({ items: repo.list() }))

  app.put('/api/calendar/overrides', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: "Mark days as working day or holiday, e.g. next year's State Council schedule (one transaction)",
      body: Type.Object({
        overrides: Type.Array(Type.Object({ date: IsoDate, kind: Kind, note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 400 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Override) }), ...problems(400, 403) },
    },
  }, async (request) => {
    return { items: repo.put(request.body.overrides, viewerOf(request).id) }
  })

  app.delete('/api/calendar/overrides', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'Remove the override of one day',
      querystring: Type.Object({ date: IsoDate }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...problems(400, 403, 404) },
    },
  }, async (request, reply) => {
    if (!repo.remove(request.query.date, viewerOf(request).id)) throw notFound(`An override for ${request.query.date}`)
    return reply.code(204).send(null)
  })
}
export default routes
