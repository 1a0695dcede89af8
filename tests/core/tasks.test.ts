import zlib from 'node:zlib'
import t from 'tap'
import { as, createTestApp } from '../fixtures/harness.js'

t.test('a task with its units by role, targets, light and ETag', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const office = as(ctx.app, ctx.actors.office)
  const plan = (await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2028 })).body
  const section = (await office.post(`/api/plans/${plan.id}/sections`, { number: '一', title: 's' })).body
  const street = (await office.post('/api/units', { name: '各街道', kind: 'group' })).body
  const created = await office.post(`/api/plans/${plan.id}/tasks`, {
    number: '3.4', title: '改造老旧小区', description: '2022年改造40个', sectionId: section.id, deadline: '2026-12-31',
    leadUnitIds: [ctx.unitA], responsibleUnitIds: [street.id], cooperatingUnitIds: [ctx.unitB], leadInferred: true,
    targets: [{ year: 2026, description: '改造老旧小区40个', value: 40, measure: '个' }, { year: 2027, description: '改造45个', value: 45, measure: '个', dueOn: '2027-06-30' }],
  })
  t.equal(created.status, 201)
  t.equal(created.headers.etag, `"${created.body.id}-1"`)
  t.match(created.body, {
    // 20 November with nothing reported: 0 of 40 trails its 序时进度 (35.5) by far.
    number: '3.4', status: 'draft', light: 'yellow', leadInferred: true, sectionId: section.id, deadlineSource: 'task', effectiveDeadline: '2026-12-31',
    units: { lead: [{ id: ctx.unitA, name: '市住建局' }], responsible: [{ id: street.id, name: '各街道' }], cooperating: [{ id: ctx.unitB, name: '市城管局' }] },
  })
  t.same(created.body.targets.map((x: { dueOn: string; value: number }) => [x.dueOn, x.value]), [['2026-12-31', 40], ['2027-06-30', 45]], 'dueOn defaults to 31 Dec')
  t.same(created.body.lightReasons, [{ kind: 'behind_schedule', targetId: created.body.targets[0].id, actual: null, expected: 35.5068 }], '324 of 365 days')

  const sub = await office.post(`/api/plans/${plan.id}/tasks`, { number: '3.4.1', title: '分解', parentId: created.body.id, leadUnitIds: [ctx.unitB] })
  t.equal(sub.body.parentId, created.body.id)

  const got = await office.get(`/api/tasks/${created.body.id}`)
  t.equal(got.headers.etag, created.headers.etag)

  const stale = await office.patch(`/api/tasks/${created.body.id}`, { title: 'x' }, { 'if-match': '"1-99"' })
  t.equal(stale.status, 412)
  const patched = await office.patch(`/api/tasks/${created.body.id}`, { title: '改造城镇老旧小区', deadline: '2026-11-25', cooperatingUnitIds: [] }, { 'if-match': created.headers.etag as string })
  t.equal(patched.status, 200)
  t.equal(patched.headers.etag, `"${created.body.id}-2"`)
  t.match(patched.body, { title: '改造城镇老旧小区', light: 'yellow', units: { lead: [{ id: ctx.unitA }], cooperating: [] } })
  t.equal(patched.body.targets.length, 2, 'targets untouched when not given')
  t.equal((await office.patch(`/api/tasks/${created.body.id}`, { title: 'y' }, { 'if-match': created.headers.etag as string })).status, 412, 'the old ETag is stale now')
  t.equal((await office.patch(`/api/tasks/${created.body.id}`, { parentId: sub.body.id })).status, 422, 'no cycles')

  t.equal((await office.delete(`/api/tasks/${sub.body.id}`)).status, 204)
  t.equal((await office.get(`/api/tasks/${sub.body.id}`)).status, 404)
  ctx.db.$client.prepare("UPDATE tasks SET status = 'dispatched' WHERE id = ?").run(created.body.id)
  const notDraft = await office.delete(`/api/tasks/${created.body.id}`)
  t.equal(notDraft.status, 409, 'only drafts are deleted')
  t.match(notDraft.body, { currentState: 'dispatched', allowedActions: ['cancel'] })
})

t.test('task bad input: 400 naming the field, 409 duplicate number, 422 unknown units', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const plan = (await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2028 })).body
  const other = (await office.post('/api/plans', { title: 'q', startYear: 2026, endYear: 2028 })).body
  const otherSection = (await office.post(`/api/plans/${other.id}/sections`, { number: '一', title: 's' })).body
  const ok = { number: '1', title: 't', leadUnitIds: [ctx.unitA] }
  const url = `/api/plans/${plan.id}/tasks`
  const cases: [Record<string, unknown>, number, string][] = [
    [{ title: 't', leadUnitIds: [ctx.unitA] }, 400, 'number'],
    [{ number: '1', leadUnitIds: [ctx.unitA] }, 400, 'title'],
    [{ number: '1', title: 't' }, 400, 'leadUnitIds'],
    [{ ...ok, leadUnitIds: [] }, 400, 'leadUnitIds'],
    [{ ...ok, deadline: '2026-13-01x' }, 400, 'deadline'],
    [{ ...ok, owner: 'me' }, 400, 'owner'],
    [{ ...ok, targets: [{ year: 2026 }] }, 400, 'targets/0/description'],
    [{ ...ok, targets: [{ year: 'next', description: 'x' }] }, 400, 'targets/0/year'],
    [{ ...ok, leadUnitIds: [999] }, 422, 'leadUnitIds'],
    [{ ...ok, cooperatingUnitIds: [998] }, 422, 'cooperatingUnitIds'],
    [{ ...ok, responsibleUnitIds: [ctx.unitA] }, 422, 'leadUnitIds'],
    [{ ...ok, sectionId: otherSection.id }, 422, 'sectionId'],
    [{ ...ok, parentId: 12345 }, 422, 'parentId'],
  ]
  for (const [body, status, field] of cases) {
    const res = await office.post(url, body)
    t.equal(res.status, status, `${JSON.stringify(body)} → ${status}`)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.ok(res.body.errors?.some((e: { field: string }) => e.field === field), `names ${field}: ${JSON.stringify(res.body)}`)
  }
  t.equal((await office.post(url, ok)).status, 201)
  const dup = await office.post(url, ok)
  t.equal(dup.status, 409)
  t.match(dup.body, { status: 409, field: 'number' })
  t.equal((await office.post('/api/plans/999/tasks', ok)).status, 404)
  t.equal((await office.get('/api/tasks?limit=0')).status, 400)
  t.equal((await office.get('/api/tasks?light=blue')).status, 400)
  t.equal((await office.get('/api/tasks?cursor=garbage')).status, 400)
  t.equal((await office.get('/api/tasks?role=lead')).status, 400, 'role needs a unit')
  const count = ctx.db.$client.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }
  t.equal(count.n, 1, 'nothing half-written by the failures')
  t.equal((ctx.db.$client.prepare('SELECT count(*) AS n FROM task_units').get() as { n: number }).n, 1)
})

t.test('filters and sorting', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const office = as(ctx.app, ctx.actors.office)
  const plan = (await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2028 })).body
  const plan2 = (await office.post('/api/plans', { title: 'q', startYear: 2026, endYear: 2028 })).body
  const mk = (planId: number, number: string, deadline: string | null, lead: number, extra: Record<string, unknown> = {}) =>
    office.post(`/api/plans/${planId}/tasks`, { number, title: `任务${number}`, deadline, leadUnitIds: [lead], ...extra })
  await mk(plan.id, '1', '2026-11-10', ctx.unitA) // red
  await mk(plan.id, '2', '2026-11-24', ctx.unitA, { description: '雨污分流改造' }) // yellow
  await mk(plan.id, '3', '2027-03-01', ctx.unitB, { cooperatingUnitIds: [ctx.unitA] }) // green
  await mk(plan.id, '4', null, ctx.unitB) // green, no deadline
  const closed = (await mk(plan2.id, '1', '2026-10-01', ctx.unitB)).body // past but closed: green
  // A write behind the API's back: its stored light is marked due for recomputation, as the repositories would recompute it.
  ctx.db.$client.prepare("UPDATE tasks SET status = 'closed', light_changes_on = '0000-01-01' WHERE id = ?").run(closed.id)

  const numbers = async (query: string) => (await office.get(`/api/tasks?${query}`)).body.items.map((x: { planId: number; number: string }) => `${x.planId === plan.id ? 'p' : 'q'}${x.number}`)
  t.same(await numbers(''), ['p1', 'p2', 'p3', 'p4', 'q1'])
  t.same(await numbers(`planId=${plan.id}`), ['p1', 'p2', 'p3', 'p4'])
  t.same(await numbers(`unitId=${ctx.unitA}`), ['p1', 'p2', 'p3'])
  t.same(await numbers(`unitId=${ctx.unitA}&role=lead`), ['p1', 'p2'])
  t.same(await numbers(`unitId=${ctx.unitA}&role=cooperating`), ['p3'])
  t.same(await numbers('light=red'), ['p1'])
  t.same(await numbers('light=yellow'), ['p2'])
  t.same(await numbers('light=green'), ['p3', 'p4', 'q1'])
  t.same(await numbers('overdue=true'), ['p1'])
  t.same(await numbers('overdue=false'), ['p2', 'p3', 'p4', 'q1'])
  t.same(await numbers('status=closed'), ['q1'])
  t.same(await numbers('deadlineFrom=2026-11-01&deadlineTo=2026-11-30'), ['p1', 'p2'])
  t.same(await numbers(`q=${encodeURIComponent('雨污')}`), ['p2'], 'q searches descriptions')
  t.same(await numbers(`q=${encodeURIComponent('任务3')}`), ['p3'], 'and titles')
  t.same(await numbers('sort=deadline'), ['q1', 'p1', 'p2', 'p3', 'p4'], 'no deadline sorts last')
  t.same(await numbers('sort=-deadline'), ['p4', 'p3', 'p2', 'p1', 'q1'])
  t.same(await numbers('sort=-id'), ['q1', 'p4', 'p3', 'p2', 'p1'])

  const firstPage = await office.get('/api/tasks?sort=deadline&limit=2')
  t.equal(firstPage.body.items.length, 2)
  const rest = await office.get(`/api/tasks?sort=deadline&limit=10&cursor=${firstPage.body.nextCursor}`)
  t.same(rest.body.items.map((x: { number: string }) => x.number), ['2', '3', '4'])
  t.equal(rest.body.nextCursor, null)

  ctx.setNow('2026-11-25')
  t.same(await numbers('light=red'), ['p1', 'p2'], 'a day after the deadline the yellow task is red')
})

t.test('task pages are gzip-encoded for clients that accept it, and identical once decoded', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const office = as(ctx.app, ctx.actors.office)
  const plan = (await office.post('/api/plans', { title: 'p', startYear: 2026, endYear: 2028 })).body
  for (let i = 1; i <= 30; i++) await office.post(`/api/plans/${plan.id}/tasks`, { number: String(i), title: `老旧小区改造任务${i}`, leadUnitIds: [ctx.unitA] })
  const url = `/api/tasks?unitId=${ctx.unitA}&limit=25`
  const get = (acceptEncoding?: string) => ctx.app.inject({
    url, headers: { authorization: `Bearer ${ctx.actors.office.token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
  })
  const plain = await get()
  t.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: plain JSON')
  t.equal(plain.headers.vary, 'accept-encoding')
  t.equal(plain.json().items.length, 25)
  for (const header of ['gzip', 'gzip, deflate, br', 'br;q=1, gzip;q=0.5']) {
    const zipped = await get(header)
    t.equal(zipped.headers['content-encoding'], 'gzip', header)
    t.ok(zipped.rawPayload.length < plain.rawPayload.length / 2, `${header}: compressed (${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes)`)
    t.equal(zlib.gunzipSync(zipped.rawPayload).toString(), plain.body, `${header}: the same page once decoded`)
  }
  t.equal((await get('br, identity;q=0.1')).headers['content-encoding'], undefined, 'an encoding we do not speak falls back to plain JSON')
  // A write empties the cache for both encodings.
  await office.patch(`/api/tasks/${plain.json().items[0].id}`, { title: '改名' })
  t.equal(JSON.parse(zlib.gunzipSync((await get('gzip')).rawPayload).toString()).items[0].title, '改名')
  t.equal((await get()).json().items[0].title, '改名')
})
