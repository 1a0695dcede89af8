import { STATUS_CODES } from 'node:http'
import fp from 'fastify-plugin'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import { Problem, type ProblemField } from '../http/problem.js'
import { formatDetail } from '../schemas/formats.js'

const TYPE_BASE = '/problems/'

function problemBody(status: number, title: string, detail?: string, instance?: string, ext: Record<string, unknown> = {}) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return { type: `${TYPE_BASE}${slug}`, title, status, ...(detail ? { detail } : {}), ...(instance === undefined ? {} : { instance }), ...ext }
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, title: string, detail?: string, ext: Record<string, unknown> = {}) {
  return reply.code(status).type('application/problem+json').send(problemBody(status, title, detail, request.url, ext))
}

/** The percent-encoding advice every malformed URL answer gives. */
const PERCENT_ENCODE = 'Percent-encode the URL (RFC 3986): non-ASCII characters such as Chinese, spaces and other reserved bytes must be sent as %XX escapes, '
  + "e.g. curl -G --data-urlencode 'q=城乡管理' http://host/api/units."

export const MAX_SEGMENT_LENGTH = 100
const SEGMENT_TOO_LONG = `A path segment is longer than ${MAX_SEGMENT_LENGTH} characters.`
/** The 414 the router gives a path parameter over the limit, for routes (such as a wildcard) that see the path whole. */
export const segmentTooLong = () => new Problem(414, 'URI Too Long', SEGMENT_TOO_LONG)

/** What Node's HTTP parser refuses before Fastify sees a request, by llhttp's error code. */
function clientProblem(code: string | undefined): { status: number; detail: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW': return { status: 431, detail: 'The request headers are larger than the server accepts (16 KB in all).' }
    case 'ERR_HTTP_REQUEST_TIMEOUT': return { status: 408, detail: 'The request was not received in time.' }
    case 'HPE_INVALID_URL': return { status: 400, detail: `The request line's URL is not valid. ${PERCENT_ENCODE}` }
    case 'HPE_INVALID_METHOD': return { status: 400, detail: 'The HTTP method is not valid: methods are upper case (GET, POST, PUT, PATCH, DELETE).' }
    case 'HPE_INVALID_HEADER_TOKEN': return { status: 400, detail: 'A request header has an invalid name or value (control characters or non-ASCII bytes).' }
    default: return { status: 400, detail: `The request is not valid HTTP/1.1; an unencoded space in the URL is the usual cause. ${PERCENT_ENCODE}` }
  }
}

/**
 * Fastify options that send the framework's own refusals through the same problem documents: requests Node's
 * parser rejects (clientError), URLs Fastify cannot decode, and path parameters over the length limit.
 */
export const frameworkErrorOptions = {
  clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const { status, detail } = clientProblem(err.code)
    const body = JSON.stringify(problemBody(status, STATUS_CODES[status]!, detail))
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
    }
    socket.destroy()
  },
  frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    if (err.code === 'FST_ERR_BAD_URL') return send(reply, request, 400, 'Bad Request', `The URL has a malformed percent-escape. ${PERCENT_ENCODE}`)
    if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(reply, request, 414, 'URI Too Long', SEGMENT_TOO_LONG)
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500
    return send(reply, request, status, STATUS_CODES[status]!, status < 500 ? err.message : 'The server could not complete the request; it has been logged.')
  },
} satisfies Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors'>

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
