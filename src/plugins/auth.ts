import fp from 'fastify-plugin'
import { createDbStateCache } from '../http/db-state-cache.js'
import { forbidden, Problem } from '../http/problem.js'
import { hashToken } from '../http/tokens.js'
import type { Role } from '../db/schema/index.js'

export interface Viewer {
  id: number
  name: string
  role: Role
  unitId: number | null
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null
  }
  interface FastifyContextConfig {
    /** Roles allowed on this route; routes under /api and /admin without it are closed. */
    roles?: readonly Role[]
    /** Open to anyone (health, docs). */
    public?: boolean
  }
}

export const EVERYONE: readonly Role[] = ['admin', 'office', 'unit', 'supervisor', 'leader']
export const READERS: readonly Role[] = EVERYONE
export const WRITERS: readonly Role[] = ['admin', 'office']

const unauthorized = () => new Problem(401, 'Unauthorized', 'Send a valid API token: Authorization: Bearer <token>.')

/**
 * A browser cannot add a bearer token to the pages and assets of /admin (the queue board); it asks for
 * Basic credentials instead, and the API token is taken as the password.
 */
function basicPassword(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  return decoded.slice(decoded.indexOf(':') + 1) || undefined
}

/** Resolves the bearer token to a viewer and enforces each route's roles. */
export default fp(async (app) => {
  const findByHash = app.db.$client.prepare<[string], Viewer>(
    'SELECT id, name, role, unit_id AS unitId FROM users WHERE token_hash = ?',
  )
  // Spares every request a hash and a query; a new, changed or removed user is a commit, which empties it.
  const viewers = createDbStateCache<Viewer>(app.db.$client, { max: 10_000 })
  app.decorateRequest('viewer', null)
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization
    const url = request.routeOptions.url
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : url?.startsWith('/admin') ? basicPassword(header) : undefined
    if (token) request.viewer = viewers.get(token, () => findByHash.get(hashToken(token))) ?? null
    const config = request.routeOptions.config
    if (config.public) return
    if (!url) return // no such route: the not-found handler answers
    const guarded = url.startsWith('/api') || url.startsWith('/admin')
    if (!guarded) return
    if (!request.viewer) {
      if (url.startsWith('/admin')) reply.header('www-authenticate', 'Basic realm="Duban admin", charset="UTF-8"')
      throw unauthorized()
    }
    const roles = config.roles ?? (url.startsWith('/admin') ? ['admin'] : [])
    if (!roles.includes(request.viewer.role)) throw forbidden()
  })
}, { name: 'auth', dependencies: ['db'] })
