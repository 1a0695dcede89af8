import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.String() })
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), Check),
})

export interface ReadinessCheck { name: string; critical: boolean; run: () => { ok: boolean; detail: string } }

declare module 'fastify' {
  interface FastifyInstance {
    /** Checks /readyz runs; plugins add theirs (database, Redis, failed mail …). */
    readinessChecks: ReadinessCheck[]
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['health'], summary: 'Liveness', security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }))

  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['health'], summary: 'Readiness: database, Redis and what is degraded', security: [], response: { 200: Readiness, 503: Readiness } },
  }, async (_request, reply) => {
    const checks: Record<string, { ok: boolean; detail: string }> = {}
    let status: 'ready' | 'degraded' | 'unavailable' = 'ready'
    for (const check of app.readinessChecks) {
      let result: { ok: boolean; detail: string }
      try {
        result = check.run()
      } catch (err) {
        result = { ok: false, detail: (err as Error).message }
      }
      checks[check.name] = result
      if (!result.ok) status = check.critical ? 'unavailable' : status === 'ready' ? 'degraded' : status
    }
    return reply.code(status === 'unavailable' ? 503 : 200).send({ status, checks })
  })
}
export default routes
