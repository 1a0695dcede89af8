import t from 'tap'
import { totpCode } from '../../src/auth/totp.js'
import { as, createTestApp } from '../fixtures/harness.js'
import { signedInUser, signIn, withCookie } from '../fixtures/sessions.js'

t.test('enrol TOTP, then sign in with a code; codes are not accepted twice; recovery codes work once', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20T09:00:00+08:00' })
  const user = await signedInUser(ctx.app, { role: 'office', login: 'totp.user' })
  const me = withCookie(ctx.app, user)
  const begun = await me.post('/api/session/totp')
  t.equal(begun.status, 200)
  t.match(begun.body.secret, /^[A-Z2-7]{32}$/)
  t.match(begun.body.otpauthUrl, /^otpauth:\/\/totp\/.*totp\.user\?.*secret=/)
  t.match(begun.body.qrSvg, /^<svg[\s\S]*<\/svg>\s*$/)
  t.equal((await signIn(ctx.app, user.login, user.password)).status, 200, 'not active before it is confirmed')
  const secret = begun.body.secret as string
  const wrong = await me.post('/api/session/totp/confirm', { code: '000000' === totpCode(secret, ctx.app.clock()) ? '111111' : '000000' })
  t.equal(wrong.status, 400)
  t.equal(wrong.body.errors[0].field, 'code')
  const confirmed = await me.post('/api/session/totp/confirm', { code: totpCode(secret, ctx.app.clock()) })
  t.equal(confirmed.status, 200)
  const codes = confirmed.body.recoveryCodes as string[]
  t.equal(codes.length, 10)
  t.equal(new Set(codes).size, 10)
  const stored = ctx.db.$client.prepare('SELECT code_hash FROM recovery_codes WHERE user_id = ?').pluck().all(user.id) as string[]
  t.equal(stored.length, 10)
  t.notOk(stored.some((h) => codes.includes(h)), 'recovery codes are stored hashed')
  t.equal((await me.get('/api/session')).body.totpEnabled, true)

  const needed = await signIn(ctx.app, user.login, user.password)
  t.equal(needed.status, 401)
  t.equal(needed.body.code, 'totp_required')
  t.equal(needed.setCookie, '')
  const bad = await signIn(ctx.app, user.login, 'Wrong#pass1', { totp: totpCode(secret, ctx.app.clock()) })
  t.equal(bad.body.code, 'invalid_credentials', 'a code does not make a wrong password right')

  ctx.setNow('2026-11-20T09:01:00+08:00')
  const code = totpCode(secret, ctx.app.clock())
  const withCode = await signIn(ctx.app, user.login, user.password, { totp: code })
  t.equal(withCode.status, 200)
  t.equal(withCode.body.totpEnabled, true)
  const replay = await signIn(ctx.app, user.login, user.password, { totp: code })
  t.equal(replay.status, 401, 'the same code again within its window is refused')
  t.equal(replay.body.code, 'totp_required')
  ctx.setNow('2026-11-20T09:01:30+08:00')
  t.equal((await signIn(ctx.app, user.login, user.password, { totp: code })).status, 401, 'an older step after a newer one was used is refused too')

  const recovery = await signIn(ctx.app, user.login, user.password, { totp: codes[0]!.toUpperCase() })
  t.equal(recovery.status, 200, 'a recovery code instead of the TOTP code')
  t.equal((await signIn(ctx.app, user.login, user.password, { totp: codes[0]! })).status, 401, 'each recovery code works once')

  const disableWrong = await withCookie(ctx.app, withCode).delete('/api/session/totp', { code: '12345' })
  t.equal(disableWrong.status, 400)
  ctx.setNow('2026-11-20T09:03:00+08:00')
  t.equal((await withCookie(ctx.app, withCode).delete('/api/session/totp', { code: totpCode(secret, ctx.app.clock()) })).status, 204)
  t.equal((await signIn(ctx.app, user.login, user.password)).status, 200, 'off again: the password alone')
  const actions = ctx.db.$client.prepare("SELECT action FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? ORDER BY id").pluck().all(user.id) as string[]
  t.ok(actions.includes('user.totp_enrol') && actions.includes('user.totp_disable'))
  const methods = (ctx.db.$client.prepare("SELECT after FROM audit_entries WHERE action = 'session.sign_in' AND entity_id = ?").pluck().all(user.id) as string[]).map((a) => JSON.parse(a).method)
  t.ok(methods.includes('totp') && methods.includes('recovery_code'))
})

t.test('REQUIRE_TOTP_ROLES: a session of that role must enrol before anything else, and may not turn it off', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20T09:00:00+08:00', env: { REQUIRE_TOTP_ROLES: 'admin,office' } })
  const office = await signedInUser(ctx.app, { role: 'office' })
  t.equal(office.body.totpRequired, true)
  const me = withCookie(ctx.app, office)
  const blocked = await me.get('/api/plans')
  t.equal(blocked.status, 403)
  t.equal(blocked.body.code, 'totp_enrolment_required')
  const begun = await me.post('/api/session/totp')
  t.equal(begun.status, 200, 'enrolment is open')
  t.equal((await me.post('/api/session/totp/confirm', { code: totpCode(begun.body.secret, ctx.app.clock()) })).status, 200)
  t.equal((await me.get('/api/session')).body.totpRequired, false)
  t.equal((await me.get('/api/plans')).status, 200)
  ctx.setNow('2026-11-20T09:02:00+08:00')
  const off = await me.delete('/api/session/totp', { code: totpCode(begun.body.secret, ctx.app.clock()) })
  t.equal(off.status, 403)
  t.equal(off.body.code, 'totp_required_by_role')

  const leader = await signedInUser(ctx.app, { role: 'leader' })
  t.equal(leader.body.totpRequired, false, 'other roles are not bound')
  t.equal((await withCookie(ctx.app, leader).get('/api/plans')).status, 200)
  t.equal((await as(ctx.app, ctx.actors.office).get('/api/plans')).status, 200, 'API tokens are not gated')
})

t.test('a session that must change its password changes it before enrolling', async (t) => {
  const ctx = await createTestApp(t, { env: { REQUIRE_TOTP_ROLES: 'office' } })
  const office = await signedInUser(ctx.app, { role: 'office', ready: false })
  const me = withCookie(ctx.app, office)
  t.equal((await me.post('/api/session/totp')).body.code, 'password_change_required')
  t.equal((await me.post('/api/session/password', { currentPassword: office.password, newPassword: 'Second#2026' })).status, 204)
  t.equal((await me.post('/api/session/totp')).status, 200)
})
