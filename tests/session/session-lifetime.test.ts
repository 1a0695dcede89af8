import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'
import { signedInUser, signIn, withCookie } from '../fixtures/sessions.js'

t.test('a session ends after 30 minutes idle; use keeps it alive', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20T09:00:00+08:00' })
  const user = await signedInUser(ctx.app, { role: 'office' })
  t.equal(user.body.idleExpiresAt, '2026-11-20T01:30:00.000Z')
  t.equal(user.body.expiresAt, '2026-11-20T13:00:00.000Z', '12 hours in all')
  const me = withCookie(ctx.app, user)
  ctx.setNow('2026-11-20T09:29:00+08:00')
  const touched = await me.get('/api/session')
  t.equal(touched.status, 200)
  t.equal(touched.body.idleExpiresAt, '2026-11-20T01:59:00.000Z', 'use moves the idle limit')
  ctx.setNow('2026-11-20T09:58:00+08:00')
  t.equal((await me.get('/api/plans')).status, 200)
  ctx.setNow('2026-11-20T10:28:01+08:00')
  t.equal((await me.get('/api/plans')).status, 401, 'idle for 30 minutes: ended')
  t.equal((await me.get('/api/session')).status, 401)
})

t.test('a session ends 12 hours after sign-in however busy', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20T08:00:00+08:00' })
  const me = withCookie(ctx.app, await signedInUser(ctx.app, { role: 'leader' }))
  for (let hour = 8; hour < 20; hour++) {
    for (const minute of ['00', '20', '40']) {
      ctx.setNow(`2026-11-20T${String(hour).padStart(2, '0')}:${minute}:00+08:00`)
      if ((await me.get('/api/session')).status !== 200) t.fail(`ended early at ${hour}:${minute}`)
    }
  }
  ctx.setNow('2026-11-20T19:59:59+08:00')
  const last = await me.get('/api/session')
  t.equal(last.body.idleExpiresAt, '2026-11-20T12:00:00.000Z', 'the idle limit never passes the absolute one')
  ctx.setNow('2026-11-20T20:00:00+08:00')
  t.equal((await me.get('/api/session')).status, 401)
})

t.test('configurable: SESSION_IDLE_MINUTES and SESSION_MAX_HOURS', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20T08:00:00+08:00', env: { SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '1' } })
  const user = await signedInUser(ctx.app, { role: 'leader' })
  t.equal(user.body.idleExpiresAt, '2026-11-20T00:05:00.000Z')
  t.equal(user.body.expiresAt, '2026-11-20T01:00:00.000Z')
  ctx.setNow('2026-11-20T08:05:01+08:00')
  t.equal((await withCookie(ctx.app, user).get('/api/session')).status, 401)
})

t.test('the admin lists and ends a user’s sessions; a role change ends them too', async (t) => {
  const ctx = await createTestApp(t)
  const user = await signedInUser(ctx.app, { role: 'unit', unitId: ctx.unitA, login: 'clerk.a' })
  const second = await signIn(ctx.app, user.login, user.password, { headers: { 'user-agent': 'Chromium 140' } })
  const admin = as(ctx.app, ctx.actors.admin)
  const list = await admin.get(`/api/users/${user.id}/sessions`)
  t.equal(list.status, 200)
  t.equal(list.body.items.length, 2)
  t.match(list.body.items[0], { id: Number, createdAt: String, lastSeenAt: String, expiresAt: String, ip: '127.0.0.1', userAgent: 'Chromium 140' })
  t.equal((await admin.get('/api/users/99999/sessions')).status, 404)
  t.equal((await admin.delete(`/api/users/${user.id}/sessions`)).status, 204)
  t.equal((await withCookie(ctx.app, user).get('/api/session')).status, 401)
  t.equal((await withCookie(ctx.app, second).get('/api/session')).status, 401)
  t.same((await admin.get(`/api/users/${user.id}/sessions`)).body.items, [])

  const again = await signIn(ctx.app, user.login, user.password)
  const renamed = await admin.patch(`/api/users/${user.id}`, { name: '新名字' })
  t.equal(renamed.status, 200)
  t.equal((await withCookie(ctx.app, again).get('/api/session')).body.user.name, '新名字', 'a new name keeps the session')
  const moved = await admin.patch(`/api/users/${user.id}`, { role: 'leader' })
  t.equal(moved.status, 200)
  t.match(moved.body, { role: 'leader', unitId: null }, 'leaving role unit drops the unit')
  t.equal((await withCookie(ctx.app, again).get('/api/session')).status, 401, 'a role change ends the sessions')
  const back = await admin.patch(`/api/users/${user.id}`, { role: 'unit' })
  t.equal(back.status, 422, 'role unit needs a unit')
  t.equal((await admin.patch(`/api/users/${user.id}`, { role: 'unit', unitId: ctx.unitB, login: 'clerk.b' })).body.login, 'clerk.b')
  t.equal((await admin.patch(`/api/users/${user.id}`, {})).status, 400, 'an empty change is bad input')
  t.equal((await admin.patch('/api/users/99999', { name: 'x' })).status, 404)
  const actions = ctx.db.$client.prepare("SELECT action FROM audit_entries WHERE entity_type = 'user' AND entity_id = ? ORDER BY id").pluck().all(user.id) as string[]
  t.equal(actions.filter((a) => a === 'user.sessions_end').length, 3, 'ended by the admin, by the role change, by the unit change')
})

t.test('an expired or forged cookie is simply not signed in', async (t) => {
  const ctx = await createTestApp(t)
  const forged = withCookie(ctx.app, { cookie: 'duban_session=forged', csrf: 'x' })
  t.equal((await forged.get('/api/me')).status, 401)
  t.equal((await forged.get('/api/session')).status, 401)
  const out = await forged.delete('/api/session')
  t.equal(out.status, 204, 'signing out without a session still clears the cookie')
  t.match(String(out.headers['set-cookie']), /duban_session=;/)
})
