import fp from 'fastify-plugin'
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

/** Resolves the bearer token to a viewer and enforces each route's roles. */
export default fp(async (app) => {
  const findByHash = app.db.$client.prepare<[string], Viewer>(
    'SELECT id, name, role, unit_id AS unitId FROM users WHERE token_hash = ?',
  )
  app.decorateRequest('viewer', null)
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    if (header?.startsWith('Bearer ')) request.viewer = findByHash.get(hashToken(header.slice(7).trim())) ?? null
    const config = request.routeOptions.config
    if (config.public) return
    const url = request.routeOptions.url
    if (!url) return // no such route: the not-found handler answers
    const guarded = url.startsWith('/api') || url.startsWith('/admin')
    if (!guarded) return
    if (!request.viewer) throw unauthorized()
    const roles = config.roles ?? (url.startsWith('/admin') ? ['admin'] : [])
    if (!roles.includes(request.viewer.role)) throw forbidden()
  })
}, { name: 'auth', dependencies: ['db'] })
