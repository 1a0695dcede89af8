import { createHash } from 'node:crypto'
import t from 'tap'
import { openDatabase } from '../../src/db/client.js'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('units: create, find by name or alias, read, change', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const created = await office.post('/api/units', { name: '市发改局', kind: 'department', aliases: ['市发改委', '市发展和改革局'], contactEmails: ['fgj@example.cn'] })
  t.equal(created.status, 201)
  t.match(created.body, { name: '市发改局', aliases: ['市发改委', '市发展和改革局'], parentId: null })

  const byAlias = await office.get(`/api/units?q=${encodeURIComponent('发改委')}`)
  t.same(byAlias.body.items.map((u: { name: string }) => u.name), ['市发改局'], 'q matches aliases')
  const byName = await office.get(`/api/units?q=${encodeURIComponent('城管')}`)
  t.same(byName.body.items.map((u: { name: string }) => u.name), ['市城管局'])
  const percent = await office.get(`/api/units?q=${encodeURIComponent('%')}`)
  t.same(percent.body.items, [], 'LIKE wildcards in q are literal')

  const street = await office.post('/api/units', { name: '城东街道', kind: 'street', parentId: created.body.id })
  t.equal(street.status, 201)
  t.equal((await office.get(`/api/units/${street.body.id}`)).body.parentId, created.body.id)

  const patched = await office.patch(`/api/units/${created.body.id}`, { contactEmails: ['a@example.cn', 'b@example.cn'] })
  t.equal(patched.status, 200)
  t.same(patched.body.contactEmails, ['a@example.cn', 'b@example.cn'])

  const page1 = await office.get('/api/units?limit=2')
  t.equal(page1.body.items.length, 2)
  const page2 = await office.get(`/api/units?limit=2&cursor=${page1.body.nextCursor}`)
  t.equal(page2.body.items.length, 2)
  t.not(page2.body.items[0].id, page1.body.items[0].id)
})

t.test('units: close names come back as merge suggestions, for the office only', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  await office.post('/api/units', { name: '市发改委' })
  const before = await office.get('/api/units/merge-suggestions')
  t.equal(before.status, 200)
  const created = await office.post('/api/units', { name: '市发改局' })
  const after = await office.get('/api/units/merge-suggestions')
  const pair = after.body.items.find((s: { unit: { id: number } }) => s.unit.id === created.body.id)
  t.match(pair, { unit: { name: '市发改局' }, suggestedUnit: { name: '市发改委' }, reason: /同一单位/ }, 'the newer unit is suggested to merge into the registered one')
  t.equal(after.body.items.length, before.body.items.length + 1, 'and only that pair is new')
  await office.post('/api/units', { name: '城东街道' })
  t.equal((await office.get('/api/units/merge-suggestions')).body.items.length, after.body.items.length, 'an unrelated name adds none')
  const registered = (await office.get(`/api/units/${pair.suggestedUnit.id}`)).body
  await office.patch(`/api/units/${registered.id}`, { aliases: [...registered.aliases, '市发改局'] })
  t.equal((await office.get('/api/units/merge-suggestions')).body.items.length, before.body.items.length, 'once the name is an alias, the suggestion is settled')
  t.equal((await as(ctx.app, ctx.actors.unitA).get('/api/units/merge-suggestions')).status, 403, 'a unit clerk may not')
})

t.test('units: bad input', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const cases: [unknown, number, string][] = [
    [{}, 400, 'name'],
    [{ name: '' }, 400, 'name'],
    [{ name: 'x', kind: 'ministry' }, 400, 'kind'],
    [{ name: 'x', contactEmails: ['not-an-email'] }, 400, 'contactEmails/0'],
    [{ name: 'x', colour: 'red' }, 400, 'colour'],
    [{ name: 'x', parentId: 999 }, 422, 'parentId'],
    [{ name: '市住建局' }, 409, ''],
  ]
  for (const [body, status, field] of cases) {
    const res = await office.post('/api/units', body)
    t.equal(res.status, status, `${JSON.stringify(body)} → ${status}`)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    if (field) t.ok(res.body.errors.some((e: { field: string }) => e.field === field), `names the field ${field}: ${JSON.stringify(res.body.errors)}`)
  }
  t.equal((await office.patch(`/api/units/${ctx.unitA}`, {})).status, 400, 'an empty patch')
  t.equal((await office.patch(`/api/units/${ctx.unitA}`, { name: '市城管局' })).status, 409, 'renaming onto another unit')
  t.equal((await office.patch(`/api/units/${ctx.unitA}`, { parentId: ctx.unitA })).status, 422, 'its own parent')
  t.equal((await office.patch('/api/units/9999', { name: 'y' })).status, 404)
  t.equal((await office.get('/api/units/abc')).status, 400)
})

t.test('users: token shown once, stored hashed, never listed', async (t) => {
  const ctx = await createTestApp(t)
  const admin = as(ctx.app, ctx.actors.admin)
  const res = await admin.post('/api/users', { name: '张三', email: 'zhangsan@example.cn', role: 'unit', unitId: ctx.unitA })
  t.equal(res.status, 201)
  t.type(res.body.token, 'string')
  t.notOk('tokenHash' in res.body.user)
  const stored = ctx.db.$client.prepare('SELECT token_hash FROM users WHERE id = ?').get(res.body.user.id) as { token_hash: string }
  t.not(stored.token_hash, res.body.token)
  t.equal(stored.token_hash, createHash('sha256').update(res.body.token).digest('hex'))

  const list = await admin.get('/api/users')
  t.notOk(JSON.stringify(list.body).includes(res.body.token), 'the token is not in the list')
  t.notOk(JSON.stringify(list.body).includes(stored.token_hash), 'nor its hash')
  t.ok(list.body.items.every((u: object) => !('token' in u) && !('tokenHash' in u)))

  const me = await as(ctx.app, { ...ctx.actors.unitA, token: res.body.token }).get('/api/me')
  t.match(me.body, { name: '张三', role: 'unit', unitId: ctx.unitA })
  // Tokens are remembered between requests; a change committed by another process must still count at once.
  const other = openDatabase(ctx.config.databaseFile)
  other.$client.prepare('UPDATE users SET unit_id = ? WHERE id = ?').run(ctx.unitB, res.body.user.id)
  t.match((await as(ctx.app, { ...ctx.actors.unitA, token: res.body.token }).get('/api/me')).body, { unitId: ctx.unitB }, 'a moved user is seen at once')
  other.$client.prepare("UPDATE users SET token_hash = 'revoked' WHERE id = ?").run(res.body.user.id)
  other.$client.close()
  t.equal((await as(ctx.app, { ...ctx.actors.unitA, token: res.body.token }).get('/api/me')).status, 401, 'a revoked token stops working at once')

  t.equal((await admin.post('/api/users', { name: 'x', role: 'unit' })).status, 422, 'a unit user needs a unit')

  const clerk = await admin.post('/api/users', { name: '李四', role: 'unit', unitId: ctx.unitA })
  const clerkAs = (token: string) => as(ctx.app, { ...ctx.actors.unitA, token })
  t.equal((await clerkAs(clerk.body.token).get('/api/me')).status, 200)
  const rotated = await admin.post(`/api/users/${clerk.body.user.id}/token`)
  t.equal(rotated.status, 200)
  t.match(rotated.body.user, { id: clerk.body.user.id, name: '李四' })
  t.not(rotated.body.token, clerk.body.token)
  t.equal((await clerkAs(clerk.body.token).get('/api/me')).status, 401, 'the old token stops working at once')
  t.equal((await clerkAs(rotated.body.token).get('/api/me')).status, 200, 'the new one works')
  const audit = await admin.get(`/api/audit?entityType=user&entityId=${clerk.body.user.id}`)
  t.same(audit.body.items.map((e: { action: string }) => e.action).sort(), ['user.create', 'user.rotate_token'])
  t.notOk(JSON.stringify(audit.body).includes(rotated.body.token), 'the token is not audited')
  t.equal((await admin.post('/api/users/99999/token')).status, 404)
  t.equal((await admin.post('/api/users', { name: 'x', role: 'office', unitId: ctx.unitA })).status, 422, 'only unit users have a unit')
  t.equal((await admin.post('/api/users', { name: 'x', role: 'unit', unitId: 999 })).status, 422)
  t.equal((await admin.post('/api/users', { name: 'x', role: 'king' })).status, 400)
  t.equal((await admin.get('/api/users?role=leader')).body.items.length, 1)
})
