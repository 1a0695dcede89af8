import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'
import { createUserWithLogin, GOOD_PASSWORD, signIn } from '../fixtures/sessions.js'

t.test('5 failures lock the account for 15 minutes; then the right password works again', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20T10:00:00+08:00' })
  const user = await createUserWithLogin(ctx.app, { role: 'office', login: 'clerk' })
  for (let i = 1; i <= 5; i++) {
    const res = await signIn(ctx.app, 'clerk', `Wrong#pass${i}`)
    t.equal(res.status, 401, `failure ${i} is 401`)
  }
  const locked = await signIn(ctx.app, 'clerk', GOOD_PASSWORD)
  t.equal(locked.status, 423, 'the sixth attempt, even with the right password, is refused')
  t.equal(locked.body.code, 'locked')
  t.equal(locked.body.detail, '账号已锁定，请15分钟后再试')
  const listed = await as(ctx.app, ctx.actors.admin).get(`/api/users`)
  t.equal(listed.body.items.find((u: { id: number }) => u.id === user.id).lockedUntil, '2026-11-20T02:15:00.000Z', 'the admin sees until when')
  ctx.setNow('2026-11-20T10:14:59+08:00')
  t.equal((await signIn(ctx.app, 'clerk', GOOD_PASSWORD)).status, 423)
  ctx.setNow('2026-11-20T10:15:01+08:00')
  t.equal((await signIn(ctx.app, 'clerk', GOOD_PASSWORD)).status, 200, 'unlocked after 15 minutes')
  t.equal((await signIn(ctx.app, 'clerk', 'Wrong#pass')).status, 401, 'the count starts again')
  const actions = ctx.db.$client.prepare("SELECT action FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? AND (action LIKE 'session.%' OR action = 'user.locked') ORDER BY id").pluck().all(user.id)
  t.same(actions, [...Array(5).fill('session.sign_in_failed'), 'user.locked', 'session.sign_in_refused', 'session.sign_in_refused', 'session.sign_in', 'session.sign_in_failed'])
})

t.test('an unknown login locks the same way, so a lockout does not tell which logins exist', async (t) => {
  const ctx = await createTestApp(t)
  for (let i = 1; i <= 5; i++) t.equal((await signIn(ctx.app, 'ghost', 'Wrong#pass1')).status, 401)
  const res = await signIn(ctx.app, 'ghost', 'Wrong#pass1')
  t.equal(res.status, 423)
  t.equal(res.body.code, 'locked')
})

t.test('an admin reset lifts the lock', async (t) => {
  const ctx = await createTestApp(t)
  const user = await createUserWithLogin(ctx.app, { role: 'leader', login: 'leader9' })
  for (let i = 1; i <= 5; i++) await signIn(ctx.app, 'leader9', 'Wrong#pass1')
  t.equal((await signIn(ctx.app, 'leader9', GOOD_PASSWORD)).status, 423)
  t.equal((await as(ctx.app, ctx.actors.admin).post(`/api/users/${user.id}/password`, { password: 'Reset#2026x' })).status, 204)
  const res = await signIn(ctx.app, 'leader9', 'Reset#2026x')
  t.equal(res.status, 200)
  t.equal(res.body.mustChangePassword, true)
})

t.test('sign-in attempts are throttled per address', async (t) => {
  const ctx = await createTestApp(t, { env: { SIGN_IN_PER_MINUTE: '3' } })
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await signIn(ctx.app, 'ghost', 'Wrong#pass1')).status)
  t.same(statuses, [401, 401, 401, 429])
  const other = await signIn(ctx.app, 'someone.else', 'Wrong#pass1')
  t.equal(other.status, 429, 'per address, whatever the login')
  t.equal(other.body.status, 429, 'a problem document')
  t.equal((await as(ctx.app, ctx.actors.office).get('/api/me')).status, 200, 'other routes are not affected')
})

t.test('the cookie is Secure behind TRUST_PROXY when the proxy says https', async (t) => {
  const ctx = await createTestApp(t, { env: { TRUST_PROXY: 'true' } })
  const user = await createUserWithLogin(ctx.app, { role: 'office' })
  const https = await signIn(ctx.app, user.login, user.password, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' } })
  t.equal(https.status, 200)
  t.match(https.setCookie, /; Secure/)
  const sessions = await as(ctx.app, ctx.actors.admin).get(`/api/users/${user.id}/sessions`)
  t.equal(sessions.body.items[0].ip, '203.0.113.7', 'the client address comes from the proxy')
  const plain = await signIn(ctx.app, user.login, user.password)
  t.notMatch(plain.setCookie, /Secure/)

  const untrusted = await createTestApp(t)
  const u2 = await createUserWithLogin(untrusted.app, { role: 'office' })
  const spoofed = await signIn(untrusted.app, u2.login, u2.password, { headers: { 'x-forwarded-proto': 'https' } })
  t.notMatch(spoofed.setCookie, /Secure/, 'without TRUST_PROXY the header is ignored')
})

t.test('concurrent wrong attempts each count, and later ones do not lift the lock', async (t) => {
  const ctx = await createTestApp(t)
  for (const n of [5, 7]) {
    await createUserWithLogin(ctx.app, { role: 'office', login: `parallel${n}` })
    const results = await Promise.all(Array.from({ length: n }, (_, i) => signIn(ctx.app, `parallel${n}`, `Wrong#pass${i}`)))
    t.ok(results.every((r) => r.status === 401 || r.status === 423))
    t.equal((await signIn(ctx.app, `parallel${n}`, GOOD_PASSWORD)).status, 423, `${n} at once: locked`)
  }
})
