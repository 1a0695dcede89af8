// The API serves the built console: hashed assets cached for a year and precompressed, index.html (never cached)
// for client routes, and never index.html for /api, /admin or /docs, which stay 404 problems.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { ensureConsoleBuilt } from './fixtures/e2e/service.js'
import { createTestApp } from './fixtures/harness.js'
import { consoleDist } from '../scripts/build-console.js'

await ensureConsoleBuilt()
const ctx = await createTestApp(t)
const { app } = ctx

t.test('client routes get index.html, not cached', async (t) => {
  for (const url of ['/', '/plans', '/plans/3/board?light=red', '/tasks/12', '/login']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /text\/html/, `${url} is html`)
    t.equal(res.headers['cache-control'], 'no-cache', `${url} is revalidated each time`)
    t.match(res.body, /<div id="app">/, `${url} is the console`)
  }
})

t.test('hashed assets are immutable for a year and precompressed', async (t) => {
  const asset = fs.readdirSync(path.join(consoleDist, 'assets')).find((f) => f.endsWith('.js'))!
  const plain = await app.inject({ method: 'GET', url: `/assets/${asset}` })
  t.equal(plain.statusCode, 200)
  t.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable')
  const br = await app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'br, gzip' } })
  t.equal(br.headers['content-encoding'], 'br', 'brotli when accepted')
  const gz = await app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'gzip' } })
  t.equal(gz.headers['content-encoding'], 'gzip', 'gzip otherwise')
  const missing = await app.inject({ method: 'GET', url: '/assets/nothing-here.js' })
  t.equal(missing.statusCode, 404, 'a missing asset is 404, not the console')
})

t.test('/api, /admin and /docs never fall back to the console', async (t) => {
  for (const url of ['/api/nothing', '/api', '/admin/nothing', '/docs/nothing']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 404, url)
    t.match(res.headers['content-type'], /application\/problem\+json/, `${url} is a problem`)
  }
})
