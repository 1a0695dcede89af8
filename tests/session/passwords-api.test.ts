import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'
import { createUserWithLogin, GOOD_PASSWORD, signedInUser, signIn, withCookie } from '../fixtures/sessions.js'

t.test('an initial password must be changed first; nothing else is open until then', async (t) => {
  const ctx = await createTestApp(t)
  const admin = as(ctx.app, ctx.actors.admin)
  const created = await admin.post('/api/users', { name: '住建局填报员', role: 'unit', unitId: ctx.unitA, login: 'zjj.clerk', password: 'Initial#2026' })
  t.equal(created.status, 201)
  t.match(created.body.user, { login: 'zjj.clerk', totpEnabled: false, lockedUntil: null })
  t.notOk(JSON.stringify(created.body).includes('Initial#2026'))
  const s = await signIn(ctx.app, 'zjj.clerk', 'Initial#2026')
  t.equal(s.status, 200)
  t.equal(s.body.mustChangePassword, true)
  t.equal(s.body.user.unitName, '市住建局')
  const me = withCookie(ctx.app, s)
  const blocked = await me.get('/api/tasks')
  t.equal(blocked.status, 403)
  t.equal(blocked.body.code, 'password_change_required')
  t.equal((await me.get('/api/session')).status, 200, 'the session itself stays readable')
  const wrongCurrent = await me.post('/api/session/password', { currentPassword: 'nope', newPassword: 'Changed#2026' })
  t.equal(wrongCurrent.status, 400)
  t.match(wrongCurrent.body.errors, [{ field: 'currentPassword' }])
  t.equal((await me.post('/api/session/password', { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' }, { csrf: false })).body.code, 'csrf')
  t.equal((await me.post('/api/session/password', { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' })).status, 204)
  t.equal((await me.get('/api/session')).body.mustChangePassword, false)
  t.equal((await me.get('/api/tasks')).status, 200, 'the same session goes on, now open')
  t.equal((await signIn(ctx.app, 'zjj.clerk', 'Initial#2026')).status, 401)
  t.equal((await signIn(ctx.app, 'zjj.clerk', 'Changed#2026')).status, 200)
  const actions = ctx.db.$client.prepare("SELECT action FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? ORDER BY id").pluck().all(created.body.user.id)
  t.ok(actions.includes('user.password_change'))
  t.notOk(JSON.stringify(ctx.db.$client.prepare('SELECT * FROM audit_entries').all()).includes('Changed#2026'), 'no password in the audit log')
})

t.test('each password rule names newPassword in Chinese', async (t) => {
  const ctx = await createTestApp(t)
  const user = await signedInUser(ctx.app, { role: 'office', login: 'wangwu' })
  const me = withCookie(ctx.app, user)
  const cases: [string, RegExp][] = [
    ['Ab1#xyz', /至少8位/],
    ['abcdefgh123', /至少3类/],
    ['Wangwu#2026x', /不能包含登录名/],
    [GOOD_PASSWORD, /最近5次/],
  ]
  for (const [newPassword, rule] of cases) {
    const res = await me.post('/api/session/password', { currentPassword: user.password, newPassword })
    t.equal(res.status, 400, newPassword)
    t.equal(res.body.errors[0].field, 'newPassword')
    t.match(res.body.errors[0].detail, rule)
  }
  const admin = as(ctx.app, ctx.actors.admin)
  const weak = await admin.post('/api/users', { name: 'x', role: 'leader', login: 'weakling', password: 'password' })
  t.equal(weak.status, 400, 'an initial password follows the rules too')
  t.equal(weak.body.errors[0].field, 'password')
  t.equal((await admin.post('/api/users', { name: 'x', role: 'leader', login: 'wangwu', password: 'Another#2026' })).status, 409, 'logins are unique')
  t.equal((await admin.post('/api/users', { name: 'x', role: 'leader', login: 'a b' })).status, 400)
})

t.test('none of the last 5 passwords may come back; the sixth may', async (t) => {
  const ctx = await createTestApp(t)
  const user = await signedInUser(ctx.app, { role: 'leader', login: 'history', password: 'Pass#0-start' })
  const me = withCookie(ctx.app, user)
  let current = 'Pass#0-start'
  for (let i = 1; i <= 5; i++) {
    const next = `Pass#${i}-next`
    t.equal((await me.post('/api/session/password', { currentPassword: current, newPassword: next })).status, 204, `change ${i}`)
    current = next
  }
  // History now: 1..5; the start password is the sixth back.
  for (const old of ['Pass#1-next', 'Pass#3-next', 'Pass#5-next']) {
    t.equal((await me.post('/api/session/password', { currentPassword: current, newPassword: old })).status, 400, `${old} is among the last 5`)
  }
  t.equal((await me.post('/api/session/password', { currentPassword: current, newPassword: 'Pass#0-start' })).status, 204, 'the sixth back may be used again')
  t.equal(ctx.db.$client.prepare('SELECT count(*) FROM password_history WHERE user_id = ?').pluck().get(user.id), 5, 'only five are kept')
})

t.test('a password older than PASSWORD_MAX_AGE_DAYS must be changed at sign-in', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-01-01', env: { PASSWORD_MAX_AGE_DAYS: '30' } })
  const user = await createUserWithLogin(ctx.app, { role: 'office', login: 'ageing' })
  t.equal((await signIn(ctx.app, 'ageing', user.password)).body.passwordExpired, false)
  ctx.setNow('2026-02-05')
  const s = await signIn(ctx.app, 'ageing', user.password)
  t.equal(s.status, 200)
  t.equal(s.body.passwordExpired, true)
  const me = withCookie(ctx.app, s)
  t.equal((await me.get('/api/plans')).body.code, 'password_change_required')
  t.equal((await me.post('/api/session/password', { currentPassword: user.password, newPassword: 'Fresh#2026pw' })).status, 204)
  t.equal((await me.get('/api/session')).body.passwordExpired, false)
  t.equal((await me.get('/api/plans')).status, 200)
})

t.test('a password change ends the user’s other sessions; an admin reset ends them all', async (t) => {
  const ctx = await createTestApp(t)
  const user = await signedInUser(ctx.app, { role: 'office', login: 'twodevices' })
  const other = await signIn(ctx.app, user.login, user.password)
  t.equal((await withCookie(ctx.app, user).post('/api/session/password', { currentPassword: user.password, newPassword: 'Moved#2026pw' })).status, 204)
  t.equal((await withCookie(ctx.app, user).get('/api/session')).status, 200, 'this session stays')
  t.equal((await withCookie(ctx.app, other).get('/api/session')).status, 401, 'the other one ended')

  const admin = as(ctx.app, ctx.actors.admin)
  const reset = await admin.patch(`/api/users/${user.id}`, { password: 'Admin#Reset1' })
  t.equal(reset.status, 200)
  t.equal((await withCookie(ctx.app, user).get('/api/session')).status, 401, 'a reset ends every session')
  const again = await signIn(ctx.app, user.login, 'Admin#Reset1')
  t.equal(again.body.mustChangePassword, true)
  const actions = ctx.db.$client.prepare("SELECT action FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? ORDER BY id").pluck().all(user.id)
  t.ok(actions.includes('user.password_reset'))
})

t.test('bearer tokens are unaffected by sessions and their gates', async (t) => {
  const ctx = await createTestApp(t, { env: { REQUIRE_TOTP_ROLES: 'office' } })
  t.equal((await as(ctx.app, ctx.actors.office).get('/api/tasks')).status, 200)
  t.equal((await as(ctx.app, ctx.actors.office).get('/api/session')).status, 401, 'a token is not a session')
})
