import fs from 'node:fs'
import t from 'tap'
import { createTestApp } from '../fixtures/harness.js'

/**
 * The README's tour, command by command, against the real app: every `api`/`unit` line is parsed from the
 * README and sent, so the tour cannot drift from what the service does.
 */
t.test("the README's tour works as written, from units to a closed task", async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-29' })
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const tour = readme.slice(readme.indexOf('## A tour of the API'), readme.indexOf('## Lights'))
  const lines = tour.split('\n')
  let userToken = ''
  const results: { line: string; status: number; body: any }[] = []
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!
    const m = /^(api|unit)\s+(.*)$/.exec(line.trim())
    if (!m || line.trim().startsWith('api()') || line.trim().startsWith('unit()')) continue
    // A command continues on the next lines while its -d quote is open.
    while ((line.match(/'/g) ?? []).length % 2 === 1) line += `\n${lines[++i]}`
    const cmd = line.trim().replace(/^\S+\s+/, '').replace(/\s+#[^']*$/, '')
    const args = [...cmd.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2] ?? a[3]!)
    let method = 'GET'
    let url = ''
    let body: string | undefined
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    const query: string[] = []
    let getForm = false
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!
      if (a === '-X') method = args[++k]!
      else if (a === '-d') body = args[++k]
      else if (a === '-H') { const [h, ...v] = args[++k]!.split(':'); headers[h!.toLowerCase()] = v.join(':').trim() }
      else if (a === '-G') getForm = true
      else if (a === '--data-urlencode') { const [k1, ...v] = args[++k]!.split('='); query.push(`${k1}=${encodeURIComponent(v.join('='))}`) }
      else if (a.startsWith('localhost:3000')) url = a.slice('localhost:3000'.length)
    }
    if (url.includes('<') || query.some((q) => q.includes('%3C'))) continue // placeholders (a cursor from an earlier page)
    if (getForm && query.length) url += `${url.includes('?') ? '&' : '?'}${query.join('&')}`
    const token = m[1] === 'unit' ? userToken : ctx.actors.admin.token
    if (body === undefined) delete headers['content-type']
    const res = await ctx.app.inject({ method: method as 'GET', url, headers: { ...headers, authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body }) })
    let parsed: any = res.body
    try { parsed = JSON.parse(res.body) } catch { /* not JSON */ }
    results.push({ line: line.trim(), status: res.statusCode, body: parsed })
    if (url === '/api/users' && method === 'POST' && parsed?.user?.role === 'unit') userToken = parsed.token
    // The harness has already registered the tour's two units, under the same ids.
    const expected = /→ 422/.test(line) ? 422 : /→ 412/.test(line) ? 412 : url === '/api/units' && method === 'POST' ? 409 : null
    if (expected) t.equal(res.statusCode, expected, line.trim())
    else t.ok(res.statusCode < 300, `${res.statusCode} ${line.trim().slice(0, 100)} ${res.statusCode >= 300 ? res.body : ''}`)
  }
  t.ok(results.length >= 20, `the tour ran ${results.length} commands`)
  t.ok(userToken, 'the unit clerk was created')
  const units = results.find((r) => r.line.includes('q=城乡管理'))!
  t.equal(units.body.items[0].name, '市城管局', 'the percent-encoded query finds the alias')
  const task = (await ctx.app.inject({ url: '/api/tasks/1', headers: { authorization: `Bearer ${ctx.actors.admin.token}` } })).json()
  t.equal(task.status, 'closed', 'the tour ends with the task closed (销号)')
  t.equal(task.deadline, '2027-06-30', 'the extension moved the deadline')
})
