import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'
import { createUserWithLogin, GOOD_PASSWORD, signedInUser, signIn, withCookie } from '../fixtures/sessions.js'

t.test('sign in, see the session, use the API with the cookie, sign out', async (t) => {
  const ctx = await createTestApp(t)
  const office = await signedInUser(ctx.app, { role: 'office', login: 'office.clerk' })
  t.equal(office.status, 200)
  t.match(office.setCookie, /^duban_session=[^;]+;/)
  t.match(office.setCookie, /HttpOnly/)
  t.match(office.setCookie, /SameSite=Strict/)
  t.match(office.setCookie, /Path=\//)
  t.notMatch(office.setCookie, /Secure/, 'plain http without TRUST_PROXY: no Secure')
  t.match(office.body, {
    user: { id: office.id, login: 'office.clerk', role: 'office', unitName: null, totpEnabled: false, lockedUntil: null },
    mustChangePassword: false, passwordExpired: false, totpEnabled: false, totpRequired: false,
  })
  t.ok(office.csrf.length > 20)
  const stored = ctx.db.$client.prepare('SELECT token_hash FROM sessions WHERE user_id = ?').pluck().get(office.id) as string
  t.match(stored, /^[0-9a-f]{64}$/, 'the session token is stored as its SHA-256 only')
  t.notOk(office.cookie.includes(stored))

  const client = withCookie(ctx.app, office)
  const session = await client.get('/api/session')
  t.equal(session.status, 200)
  t.equal(session.body.csrfToken, office.csrf)
  t.equal((await client.get('/api/me')).body.login, 'office.clerk')
  const plan = await client.post('/api/plans', { title: '计划', startYear: 2026, endYear: 2027 })
  t.equal(plan.status, 201, 'the cookie works for writes with the CSRF header')
  const noCsrf = await client.post('/api/plans', { title: '计划2', startYear: 2026, endYear: 2027 }, { csrf: false })
  t.equal(noCsrf.status, 403)
  t.equal(noCsrf.body.code, 'csrf')
  const wrongCsrf = await client.post('/api/plans', { title: '计划2', startYear: 2026, endYear: 2027 }, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } })
  t.equal(wrongCsrf.body.code, 'csrf')
  t.equal((await client.get('/api/users')).status, 403, 'the cookie carries the role')
  t.equal((await as(ctx.app, ctx.actors.office).post('/api/plans', { title: '计划3', startYear: 2026, endYear: 2027 })).status, 201, 'bearer tokens need no CSRF header')

  t.equal((await client.delete('/api/session', undefined, { csrf: false })).status, 403, 'signing out needs the CSRF header too')
  const out = await client.delete('/api/session')
  t.equal(out.status, 204)
  t.match(String(out.headers['set-cookie']), /duban_session=;/)
  t.equal((await client.get('/api/session')).status, 401)
  t.equal((await client.get('/api/me')).status, 401)
  const actions = ctx.db.$client.prepare("SELECT action FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? ORDER BY id").pluck().all(office.id)
  t.match(actions, ['user.create', 'session.sign_in', 'session.sign_out'])
})

t.test('unknown login and wrong password get the same answer', async (t) => {
  const ctx = await createTestApp(t)
  const user = await createUserWithLogin(ctx.app, { role: 'leader', login: 'leader1' })
  const wrong = await signIn(ctx.app, user.login, 'Wrong#pass1')
  const unknown = await signIn(ctx.app, 'nobody', 'Wrong#pass1')
  t.equal(wrong.status, 401)
  t.equal(unknown.status, 401)
  const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined })
  t.same(strip(wrong.body), strip(unknown.body))
  t.equal(wrong.body.code, 'invalid_credentials')
  t.equal(wrong.body.detail, '登录名或密码错误')
  t.equal(wrong.setCookie, '')
  const audit = ctx.db.$client.prepare("SELECT after FROM audit_entries WHERE action = 'session.sign_in_failed' ORDER BY id").pluck().all() as string[]
  t.equal(audit.length, 2)
  t.match(JSON.parse(audit[0]!), { login: 'leader1' })
  t.match(JSON.parse(audit[1]!), { login: 'nobody' })
  t.notOk(audit.join().includes('Wrong#pass1'), 'the password tried is never stored')
  t.equal((await signIn(ctx.app, user.login, GOOD_PASSWORD)).status, 200)
})

t.test('every role signs in, reads its session, begins TOTP enrolment, changes its password and signs out', async (t) => {
  const ctx = await createTestApp(t)
  for (const [role, unitId] of [['admin', null], ['office', null], ['unit', ctx.unitA], ['supervisor', null], ['leader', null]] as const) {
    const user = await signedInUser(ctx.app, { role, unitId })
    const me = withCookie(ctx.app, user)
    t.equal((await me.get('/api/session')).body.user.role, role)
    t.equal((await me.post('/api/session/totp')).status, 200, `${role} may enrol TOTP`)
    t.equal((await me.post('/api/session/password', { currentPassword: user.password, newPassword: `${role}#New2026x` })).status, 204, `${role} may change its password`)
    t.equal((await me.delete('/api/session')).status, 204)
    t.equal((await me.get('/api/session')).status, 401)
  }
  for (const url of ['/api/session/password', '/api/session/totp', '/api/session/totp/confirm']) {
    t.equal((await as(ctx.app, null).post(url, {})).status, 401, `anonymous POST ${url}`)
  }
})

t.test('signing in again from the same browser replaces its session', async (t) => {
  const ctx = await createTestApp(t)
  const first = await signedInUser(ctx.app, { role: 'office' })
  const again = await ctx.app.inject({ method: 'POST', url: '/api/session', headers: { cookie: first.cookie }, payload: { login: first.login, password: first.password } })
  t.equal(again.statusCode, 200, 'no CSRF header is needed to sign in')
  t.equal((await withCookie(ctx.app, first).get('/api/session')).status, 401, 'the old session ended')
  t.equal(ctx.db.$client.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(first.id), 1)
})
