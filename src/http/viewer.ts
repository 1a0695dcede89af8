import type { FastifyRequest } from 'fastify'
import type { Viewer } from '../plugins/auth.js'

/** The authenticated viewer; the auth hook has already rejected anonymous requests on guarded routes. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new Error('viewerOf called on an unauthenticated route')
  return request.viewer
}
