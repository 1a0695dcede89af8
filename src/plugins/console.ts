// Serves the built web console (web/dist, `npm run build:web`) at `/`: hashed assets for a year, precompressed
// (brotli/gzip) when the browser takes them; index.html, never cached, for every other GET that is a console
// route. /api, /admin and /docs never fall back to it: unknown paths there stay 404 problems.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'

/** web/dist of this checkout, found upwards from this module (src/plugins/ or a bundle under dist/). */
export function findConsoleDist(): string | null {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'web', 'dist')
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate
    if (path.dirname(dir) === dir) return null
  }
}

const NOT_CONSOLE = /^\/(api|admin|docs)(\/|$)/
const IMMUTABLE = 'public, max-age=31536000, immutable'

export default fp<{ dir?: string | null }>(async (app, opts) => {
  const dir = opts.dir === undefined ? findConsoleDist() : opts.dir
  if (!dir) {
    app.log.info('console: web/dist not built; serving the API only')
    return
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      reply.header('Cache-Control', file.startsWith(path.join(dir, 'assets') + path.sep) ? IMMUTABLE : 'no-cache')
    },
  })
  // Client routes (/plans/3/board, /tasks/12 …) all load the console; it reads the URL itself.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const url = request.url.split('?')[0]!
    if (NOT_CONSOLE.test(url) || url.startsWith('/assets/') || path.extname(url) !== '') return reply.callNotFound()
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
  })
}, { name: 'console' })
