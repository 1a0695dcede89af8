import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { idempotencyKeys } from '../db/schema/index.js'
import { conflict, unprocessable } from '../http/problem.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour `Idempotency-Key`: a retry with the same key and body gets the original response. */
    idempotent?: boolean
  }
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null
  }
}

interface IdempotencyClaim {
  actorId: number
  key: string
  method: string
  route: string
  fingerprint: string
  /** When the request arrived (ISO instant, app clock). */
  at: string
}

/** Call inside the transaction that creates something, with the response it will send. */
export type RememberResponse<T> = (body: T) => void

/** Header schema entries for routes with `config.idempotent`. */
export const IdempotencyKeyHeader = {
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$',
    description: 'Makes the POST safe to retry: the same key and body get the original response for 24 hours; the same key with another body is 422',
  })),
}

/** Keys are kept at least this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
const PURGE_EVERY_MS = 60 * 60 * 1000
const expiredBefore = (now: number) => new Date(now - IDEMPOTENCY_TTL_MS).toISOString()

/**
 * The response to remember for an idempotent request, or undefined when the request carries no key.
 * Pass it to the repository so it is stored in the same transaction as the change: a crash can then
 * never leave a created resource without its key, nor a key without its resource.
 */
export function rememberResponse<T>(request: FastifyRequest, status: number, headersOf: (body: T) => Record<string, string> = () => ({})): RememberResponse<T> | undefined {
  const claim = request.idempotency
  if (!claim) return undefined
  return (body) => {
    const { at, ...key } = claim
    const row = { ...key, status, body: JSON.stringify(body), headers: headersOf(body), createdAt: at }
    const stored = request.server.db.insert(idempotencyKeys).values(row).onConflictDoUpdate({
      target: [idempotencyKeys.actorId, idempotencyKeys.key],
      set: row,
      // An expired key may be reused; a live one belongs to a request that committed meanwhile.
      setWhere: sql`${idempotencyKeys.createdAt} < ${expiredBefore(Date.parse(at))}`,
    }).run()
    // Another request with this key committed while this one ran: its response stands, this one rolls back.
    if (stored.changes !== 1) throw conflict(`A request with Idempotency-Key ${claim.key} was completed meanwhile; retry to get its response.`)
  }
}

interface StoredResponse { method: string; route: string; fingerprint: string; status: number; body: string; headers: string }

/** Replays responses to POSTs retried with the same `Idempotency-Key` (per user); routes opt in with `config.idempotent`. */
export default fp(async (app) => {
  const client = app.db.$client
  const find = client.prepare<[number, string, string], StoredResponse>(
    'SELECT method, route, fingerprint, status, body, headers FROM idempotency_keys WHERE actor_id = ? AND key = ? AND created_at >= ?',
  )
  const purge = client.prepare<[string]>('DELETE FROM idempotency_keys WHERE created_at < ?')
  let lastPurge = 0

  app.decorateRequest('idempotency', null)
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key']
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || !request.viewer) return
    const now = app.clock().getTime()
    if (Math.abs(now - lastPurge) > PURGE_EVERY_MS) {
      lastPurge = now
      purge.run(expiredBefore(now))
    }
    const route = request.routeOptions.url ?? request.url
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex')
    const stored = find.get(request.viewer.id, key, expiredBefore(now))
    if (!stored) {
      request.idempotency = { actorId: request.viewer.id, key, method: request.method, route, fingerprint, at: new Date(now).toISOString() }
      return
    }
    if (stored.fingerprint !== fingerprint) {
      throw unprocessable(`Idempotency-Key ${key} was used for a different request (${stored.method} ${stored.route} with another body); use a new key.`,
        [{ in: 'headers', field: 'idempotency-key', detail: 'was already used with a different request' }])
    }
    return reply.code(stored.status).headers({ ...JSON.parse(stored.headers) as Record<string, string>, 'idempotent-replayed': 'true' }).send(JSON.parse(stored.body))
  })
}, { name: 'idempotency', dependencies: ['db', 'auth'] })
