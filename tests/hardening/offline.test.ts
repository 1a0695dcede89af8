import t from 'tap'
import { createTestApp } from '../fixtures/harness.js'

/** Origins named where a browser would load them: src/href attributes, CSS url() and @import. */
const LOADED_URL = /(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])((?:https?:)?\/\/[^"')\s>]+)/gi

t.test('nothing Duban serves loads anything from outside: Swagger UI and the queue board', async (t) => {
  const ctx = await createTestApp(t)
  const basic = `Basic ${Buffer.from(`admin:${ctx.actors.admin.token}`).toString('base64')}`
  const seen = new Set<string>()
  const external: string[] = []
  const visit = async (url: string, depth: number): Promise<void> => {
    if (seen.has(url) || depth > 2) return
    seen.add(url)
    const res = await ctx.app.inject({ method: 'GET', url, headers: { authorization: basic } })
    const type = String(res.headers['content-type'] ?? '')
    if (res.statusCode !== 200 || !/text\/html|text\/css/.test(type)) return
    for (const m of res.body.matchAll(LOADED_URL)) external.push(`${url}: ${m[1]}`)
    // Follow the page's own stylesheets (relative or rooted), as a browser would.
    const base = new URL(url, 'http://self')
    for (const m of res.body.matchAll(/<link\b[^>]*\bhref="([^"]+\.css[^"]*)"/gi)) {
      const target = new URL(m[1]!, res.body.match(/<base href="([^"]+)"/)?.[1] ? new URL(res.body.match(/<base href="([^"]+)"/)![1]!, base) : base)
      if (target.origin === 'http://self') await visit(target.pathname + target.search, depth + 1)
    }
    for (const m of res.body.matchAll(/@import\s+(?:url\()?["']?([^"')\s]+)/gi)) {
      const target = new URL(m[1]!, base)
      if (target.origin === 'http://self') await visit(target.pathname, depth + 1)
    }
  }
  for (const page of ['/docs', '/docs/', '/docs/static/index.html', '/admin/queues', '/admin/queues/']) await visit(page, 0)
  t.ok([...seen].some((u) => u.endsWith('.css')), `stylesheets were followed: ${[...seen].join(' ')}`)
  t.same(external, [], 'no http(s):// origin but our own')
  const board = await ctx.app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic } })
  t.equal(board.statusCode, 200)
  t.notMatch(board.body, /fonts\.googleapis/)
  t.equal((await ctx.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode, 401, 'the board asks for Basic credentials')
})
