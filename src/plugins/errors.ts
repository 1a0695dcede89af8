import { STATUS_CODES } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { Problem, type ProblemField } from '../http/problem.js'
import { formatDetail } from '../schemas/formats.js'

const TYPE_BASE = '/problems/'

function send(reply: FastifyReply, request: FastifyRequest, status: number, title: string, detail?: string, ext: Record<string, unknown> = {}) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `${TYPE_BASE}${slug}`, title, status, ...(detail ? { detail } : {}), instance: request.url, ...ext })
}

interface AjvError { instancePath?: string; message?: string; params?: Record<string, unknown>; keyword?: string }

function fieldsOf(err: FastifyError): ProblemField[] {
  const where = err.validationContext ?? 'body'
  return (err.validation as AjvError[]).map((v) => {
    let field = (v.instancePath ?? '').replace(/^\//, '')
    const extra = v.params?.additionalProperty ?? v.params?.missingProperty
    if (typeof extra === 'string') field = field ? `${field}/${extra}` : extra
    const detail = v.keyword === 'additionalProperties' ? 'is not a known field'
      : (v.keyword === 'format' && formatDetail(v.params?.format)) || (v.message ?? 'is invalid')
    return { in: where, field: field || where, detail }
  })
}

/**
 * A multipart body that cannot be read (no boundary, no closing boundary, a broken part header) makes the
 * parser throw plain errors without a status, before any handler ran: the client's fault, not the server's.
 */
function isUnreadableUpload(request: FastifyRequest, err: FastifyError): boolean {
  return err.statusCode === undefined && !(request as Marked)[BODY_READ] && /^multipart\//i.test(request.headers['content-type'] ?? '')
}
/** Set once the body was read and validated (preHandler): errors after that are the handler's. */
const BODY_READ = Symbol('bodyRead')
type Marked = FastifyRequest & { [BODY_READ]?: true }

/** The one error handler: every 4xx/5xx leaves as application/problem+json; 5xx never show internals. */
export default fp(async (app) => {
  app.addHook('preHandler', (request, _reply, done) => {
    (request as Marked)[BODY_READ] = true
    done()
  })
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof Problem) return send(reply, request, err.status, err.title, err.detail, err.extensions)
    if (err.validation) {
      const errors = fieldsOf(err)
      const detail = errors.map((e) => `${e.in}.${e.field.replace(/\//g, '.')} ${e.detail}`).join('; ')
      return send(reply, request, 400, 'Bad Request', detail, { errors })
    }
    if (isUnreadableUpload(request, err)) {
      return send(reply, request, 400, 'Bad Request', 'The multipart/form-data body could not be read: it needs a boundary parameter in Content-Type and a closing boundary.', {
        errors: [{ in: 'body', field: 'body', detail: `is not well-formed multipart/form-data (${err.message})` }],
      })
    }
    const status = err.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err }, 'request failed')
      return send(reply, request, 500, 'Internal Server Error', 'The server could not complete the request; it has been logged.')
    }
    const title = status === 413 ? 'Content Too Large' : (STATUS_CODES[status] ?? 'Bad Request')
    return send(reply, request, status, title, err.message)
  })
  app.setNotFoundHandler((request, reply) => send(reply, request, 404, 'Not Found', `No route ${request.method} ${request.url.split('?')[0]}.`))
}, { name: 'errors' })
