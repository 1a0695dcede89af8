import fp from 'fastify-plugin'
import { badRequest, type ProblemField } from '../http/problem.js'

/** Deeper than any body the API takes; a body nested further is not walked (no schema allows it anyway). */
const MAX_DEPTH = 16

function findNonFinite(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(value)) return null
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  for (const [key, v] of entries) {
    const found = findNonFinite(v, path ? `${path}/${key}` : key, depth + 1)
    if (found !== null) return found
  }
  return null
}

/**
 * Every number a handler gets is finite. Ajv coerces `limit=Infinity` or `1e400` in a query string to
 * Infinity and then skips `minimum`/`maximum` (they check finite numbers only), and JSON.parse reads `1e400`
 * as Infinity: checked here once for every route, after validation, before any handler.
 */
export default fp(async (app) => {
  app.addHook('preHandler', async (request) => {
    const parts = { querystring: request.query, params: request.params, body: request.body } as const
    const errors: ProblemField[] = []
    for (const [where, value] of Object.entries(parts)) {
      const field = findNonFinite(value, '', 0)
      if (field !== null) errors.push({ in: where, field: field || where, detail: 'must be a finite number' })
    }
    if (errors.length) throw badRequest(errors.map((e) => `${e.in}.${e.field.replace(/\//g, '.')} must be a finite number`).join('; '), errors)
  })
}, { name: 'finite-numbers' })
