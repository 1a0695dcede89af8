import t from 'tap'
import { ensureAdmin } from '../../src/bootstrap-admin.js'
import { ConfigError } from '../../src/config.js'
import { createTestApp } from '../fixtures/harness.js'
import { signIn, withCookie } from '../fixtures/sessions.js'

t.test('first start: the admin signs in as `admin` with the printed password, and must change it', async (t) => {
  const ctx = await createTestApp(t)
  ctx.db.$client.exec("DELETE FROM audit_entries; UPDATE users SET role = 'leader' WHERE role = 'admin'")
  const boot = await ensureAdmin(ctx.app.repos, ctx.app.sessionService, {})
  t.equal(boot.created, true)
  t.match(boot.token, /^dbn_/)
  t.equal(boot.login, 'admin')
  t.type(boot.password, 'string')
  const s = await signIn(ctx.app, 'admin', boot.password!)
  t.equal(s.status, 200)
  t.equal(s.body.mustChangePassword, true)
  t.equal(s.body.user.role, 'admin')
  t.equal((await withCookie(ctx.app, s).post('/api/session/password', { currentPassword: boot.password, newPassword: 'Mine#2026pass' })).status, 204)
  t.same(await ensureAdmin(ctx.app.repos, ctx.app.sessionService, {}), { created: false }, 'nothing happens on later starts')
})

t.test('ADMIN_PASSWORD chooses it (never printed); a weak one stops start-up', async (t) => {
  const ctx = await createTestApp(t)
  ctx.db.$client.exec("UPDATE users SET role = 'leader' WHERE role = 'admin'")
  const weak = await ensureAdmin(ctx.app.repos, ctx.app.sessionService, { adminPassword: 'password1' }).catch((err: unknown) => err)
  t.ok(weak instanceof ConfigError, 'a configuration error')
  t.match((weak as Error).message, /ADMIN_PASSWORD/)
  const boot = await ensureAdmin(ctx.app.repos, ctx.app.sessionService, { adminPassword: 'Chosen#2026', adminToken: 'a-token-of-my-own-123' })
  t.same(boot, { created: true, token: undefined, login: 'admin', password: undefined })
  t.equal((await signIn(ctx.app, 'admin', 'Chosen#2026')).status, 200)
})

t.test('an installation from before sign-in: its first admin gets the login once', async (t) => {
  const ctx = await createTestApp(t)
  const boot = await ensureAdmin(ctx.app.repos, ctx.app.sessionService, {})
  t.equal(boot.created, false)
  t.equal(boot.login, 'admin')
  const s = await signIn(ctx.app, 'admin', boot.password!)
  t.equal(s.status, 200)
  t.equal(s.body.user.id, ctx.actors.admin.id)
  t.same(await ensureAdmin(ctx.app.repos, ctx.app.sessionService, {}), { created: false })
})
