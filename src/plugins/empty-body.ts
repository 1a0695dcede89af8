import fp from 'fastify-plugin'

interface BodySchema { type?: unknown; required?: unknown }

/**
 * An action whose body has no required field (dispatch, acknowledge, acknowledge an escalation …) may be
 * sent with no body at all, with or without `Content-Type: application/json`: it is taken as `{}`.
 */
export default fp(async (app) => {
  // The default parser refuses an empty body sent as JSON; an empty one is read as no body, anything else as before.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString()
    if (text.trim() === '') return done(null, undefined)
    return parseJson(request, text, done)
  })
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body == null) {
      const schema = request.routeOptions.schema?.body as BodySchema | undefined
      if (schema && schema.type === 'object' && !(Array.isArray(schema.required) && schema.required.length > 0)) request.body = {}
    }
    done()
  })
}, { name: 'empty-body' })
