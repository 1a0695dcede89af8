import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('a malformed multipart body is a 400 problem on both import routes', async (t) => {
  const ctx = await createTestApp(t)
  const auth = { authorization: `Bearer ${ctx.actors.office.token}` }
  for (const url of ['/api/imports/ledger', '/api/imports/plan-text']) {
    const bodies: [string, string, string][] = [
      ['no boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="planId"\r\n\r\n1\r\n--x--\r\n'],
      ['no closing boundary', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'],
      ['garbage', 'multipart/form-data; boundary=x', 'not a multipart body at all'],
      ['empty', 'multipart/form-data; boundary=x', ''],
    ]
    for (const [name, type, payload] of bodies) {
      const res = await ctx.app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': type }, payload })
      t.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} ${name}: ${res.statusCode} ${res.body}`)
      t.match(res.headers['content-type'], /application\/problem\+json/, `${url} ${name}`)
    }
  }
})
