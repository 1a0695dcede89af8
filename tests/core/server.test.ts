import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { tempDir, uniquePrefix } from '../fixtures/harness.js'
import { builtEntry, freePort, runEntry, waitFor } from '../fixtures/server-process.js'

t.test('first start of the built server (as `npm start` runs it) creates the admin, prints its token once, and serves', async (t) => {
  const server = await builtEntry(t, 'src/server.ts')
  const dir = tempDir(t)
  const port = await freePort()
  const env = { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', REDIS_PREFIX: uniquePrefix('server'), RUN_WORKERS: 'false' }
  const first = runEntry(server, env)
  t.teardown(() => { first.child.kill('SIGKILL') })
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, 'the server')
  const token = /^\s+(dbn_\S+)$/m.exec(first.output())?.[1]
  t.ok(token, 'a generated token is printed')
  const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${token}` } })
  t.equal(me.status, 200)
  t.match(await me.json(), { role: 'admin' })
  t.ok(fs.existsSync(path.join(dir, 'duban.db')), 'the SQLite file is under DATA_DIR')
  first.child.kill('SIGTERM')
  t.equal(await first.exited, 0, 'SIGTERM shuts down cleanly')

  const second = runEntry(server, env)
  t.teardown(() => { second.child.kill('SIGKILL') })
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, 'the server again')
  t.notMatch(second.output(), /dbn_/, 'the token is never printed again')
  second.child.kill('SIGTERM')
  await second.exited
})

t.test('ADMIN_TOKEN chooses the admin token; bad configuration stops start-up naming the variable', async (t) => {
  const dir = tempDir(t)
  const port = await freePort()
  const run = runEntry('src/server.ts', { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN: 'my-own-admin-token-123', RUN_WORKERS: 'false', REDIS_PREFIX: uniquePrefix('server') })
  t.teardown(() => { run.child.kill('SIGKILL') })
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, 'the server')
  const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: 'Bearer my-own-admin-token-123' } })
  t.equal(me.status, 200)
  run.child.kill('SIGTERM')
  await run.exited

  const bad = runEntry('src/server.ts', { DATA_DIR: dir, PORT: 'eighty' })
  t.equal(await bad.exited, 1)
  t.match(bad.output(), /PORT/)
})
