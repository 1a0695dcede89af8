import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { IdRef, ProblemSchema } from '../schemas/common.js'
import { sharedSchemas } from '../schemas/index.js'

/** OpenAPI from the route schemas; registered before the routes so it sees all of them. */
export default fp(async (app) => {
  for (const schema of [ProblemSchema, IdRef, ...sharedSchemas]) app.addSchema(schema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Duban 督办 API',
        version: '0.1.0',
        description: 'Supervision of urban-renewal action plans: plans, tasks, units, reports, lights, escalation and summaries.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'duban_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
}, { name: 'swagger' })
