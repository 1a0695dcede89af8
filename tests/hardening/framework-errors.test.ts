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

/** Sends raw bytes to the server and returns the status line, headers and body of its answer. */
async function raw(port: number, request: Buffer | string): Promise<{ status: number; type: string; body: any }> {
  const net = await import('node:net')
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request))
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head, ...rest] = text.split('\r\n\r\n')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1])
      const type = /content-type: ([^\r\n]+)/i.exec(head ?? '')?.[1] ?? ''
      let body: any = rest.join('\r\n\r\n')
      try { body = JSON.parse(body) } catch { /* not JSON */ }
      resolve({ status, type, body })
    })
    setTimeout(() => socket.end(), 1500)
  })
}

t.test("the framework's own refusals are problems too", async (t) => {
  const ctx = await createTestApp(t)
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const port = (ctx.app.server.address() as { port: number }).port
  const auth = `Authorization: Bearer ${ctx.actors.admin.token}\r\n`
  const cases: [string, Buffer | string, number, RegExp?][] = [
    ['raw UTF-8 in the URL', Buffer.from(`GET /api/units?q=城乡管理 HTTP/1.1\r\nHost: x\r\n${auth}\r\n`), 400, /percent-encode/i],
    ['a space in the URL', `GET /api/units?q=a b HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400, /percent-encode/i],
    ['control bytes in a header', `GET /api/units HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n${auth}\r\n`, 400],
    ['a lowercase method', `get /api/units HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400, /method/i],
    ['headers over 16 KB', `GET /api/units HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n${auth}\r\n`, 431],
    ['a bad percent-escape', `GET /api/units/%E0%A4%A HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\n\r\n`, 400, /percent/i],
    ['a path segment over 100 characters', `GET /api/units/${'1'.repeat(150)} HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\n\r\n`, 414],
  ]
  for (const [name, request, status, detail] of cases) {
    const res = await raw(port, request)
    t.equal(res.status, status, name)
    t.match(res.type, /application\/problem\+json/, `${name}: ${res.type}`)
    t.equal(res.body?.status, status, `${name}: ${JSON.stringify(res.body)}`)
    t.notMatch(JSON.stringify(res.body), /FST_|HPE_|statusCode/, `${name}: no internal codes`)
    if (detail) t.match(res.body?.detail, detail, name)
  }
  const healthy = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  t.equal(healthy.status, 200, 'the server answers on')
})
