import t from 'tap'
import { as, createTestApp, seedPlanWithTask, type Actor, type TestContext } from '../fixtures/harness.js'
import { GOOD_PASSWORD, signIn, withCookie } from '../fixtures/sessions.js'

type Role = 'admin' | 'office' | 'supervisor' | 'leader' | 'unitA'
const ALL: Role[] = ['admin', 'office', 'supervisor', 'leader', 'unitA']
const WRITERS: Role[] = ['admin', 'office']

type Client = Pick<ReturnType<typeof as>, 'get' | 'post' | 'patch' | 'put' | 'delete'>

/** Gives each actor a login and a signed-in session; the matrix then runs with cookies instead of tokens. */
async function cookieClients(ctx: TestContext): Promise<Record<Role, Client>> {
  const out = {} as Record<Role, Client>
  for (const role of ALL) {
    const actor = ctx.actors[role]
    const hashed = await ctx.app.sessionService.adminPassword(GOOD_PASSWORD, null)
    ctx.app.repos.users.update(actor.id, { login: `matrix-${role}` }, actor.id, () => ctx.app.sessionService.resetPassword(actor.id, hashed, actor.id))
    ctx.db.$client.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(actor.id)
    const session = await signIn(ctx.app, `matrix-${role}`, GOOD_PASSWORD)
    const c = withCookie(ctx.app, session)
    out[role] = { get: (u) => c.get(u), post: (u, b) => c.post(u, b), patch: (u, b) => c.patch(u, b), put: (u, b) => c.put(u, b), delete: (u) => c.delete(u) }
  }
  return out
}

for (const via of ['token', 'cookie'] as const) t.test(`every core endpoint × every role (${via}): allowed (2xx) or denied (403); anonymous 401`, async (t) => {
  const ctx = await createTestApp(t)
  const cookies = via === 'cookie' ? await cookieClients(ctx) : null
  const { planId, taskId } = await seedPlanWithTask(ctx)
  let n = 0
  const unique = () => `u${++n}`
  const draftTask = async () => (await as(ctx.app, ctx.actors.office).post(`/api/plans/${planId}/tasks`, { number: unique(), title: 't', leadUnitIds: [ctx.unitA] })).body.id as number
  const matrix: { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; url: () => Promise<string> | string; body?: () => unknown; allowed: Role[] }[] = [
    { method: 'post', url: () => '/api/units', body: () => ({ name: unique() }), allowed: WRITERS },
    { method: 'get', url: () => '/api/units', allowed: ALL },
    { method: 'get', url: () => `/api/units/${ctx.unitB}`, allowed: ALL },
    { method: 'patch', url: () => `/api/units/${ctx.unitB}`, body: () => ({ aliases: [unique()] }), allowed: WRITERS },
    { method: 'post', url: () => '/api/users', body: () => ({ name: unique(), role: 'leader' }), allowed: ['admin'] },
    { method: 'get', url: () => '/api/users', allowed: ['admin'] },
    { method: 'post', url: () => `/api/users/${ctx.app.repos.users.create({ name: unique(), role: 'leader' }, null).user.id}/token`, allowed: ['admin'] },
    { method: 'get', url: () => '/api/me', allowed: ALL },
    { method: 'patch', url: () => `/api/users/${ctx.app.repos.users.create({ name: unique(), role: 'leader' }, null).user.id}`, body: () => ({ name: unique(), login: `login-${unique()}` }), allowed: ['admin'] },
    { method: 'post', url: () => `/api/users/${ctx.app.repos.users.create({ name: unique(), role: 'leader', login: `login-${unique()}` }, null).user.id}/password`, body: () => ({ password: 'Reset#2026x' }), allowed: ['admin'] },
    { method: 'get', url: () => `/api/users/${ctx.actors.leader.id}/sessions`, allowed: ['admin'] },
    { method: 'delete', url: () => `/api/users/${ctx.app.repos.users.create({ name: unique(), role: 'leader' }, null).user.id}/sessions`, allowed: ['admin'] },
    { method: 'post', url: () => '/api/plans', body: () => ({ title: unique(), startYear: 2026, endYear: 2027 }), allowed: WRITERS },
    { method: 'get', url: () => '/api/plans', allowed: ALL },
    { method: 'get', url: () => `/api/plans/${planId}`, allowed: ALL },
    { method: 'patch', url: () => `/api/plans/${planId}`, body: () => ({ reportingDay: 20 }), allowed: WRITERS },
    { method: 'post', url: () => `/api/plans/${planId}/sections`, body: () => ({ number: unique(), title: 's' }), allowed: WRITERS },
    { method: 'post', url: () => `/api/plans/${planId}/tasks`, body: () => ({ number: unique(), title: 't', leadUnitIds: [ctx.unitA] }), allowed: WRITERS },
    { method: 'get', url: () => '/api/tasks', allowed: ALL },
    { method: 'get', url: () => `/api/tasks/${taskId}`, allowed: ALL },
    { method: 'patch', url: () => `/api/tasks/${taskId}`, body: () => ({ description: unique() }), allowed: WRITERS },
    { method: 'delete', url: async () => `/api/tasks/${await draftTask()}`, allowed: WRITERS },
    { method: 'get', url: () => `/api/audit?entityType=task&entityId=${taskId}`, allowed: ['admin', 'office', 'supervisor', 'leader'] },
    { method: 'get', url: () => '/api/calendar/overrides', allowed: ALL },
    { method: 'put', url: () => '/api/calendar/overrides', body: () => ({ overrides: [{ date: '2027-01-01', kind: 'holiday', note: '元旦' }] }), allowed: ['admin'] },
    { method: 'delete', url: () => '/api/calendar/overrides?date=2027-01-01', allowed: ['admin'] },
  ]
  for (const row of matrix) {
    const anonymousUrl = await row.url()
    const anon = await (as(ctx.app, null)[row.method] as (u: string, b?: unknown) => Promise<{ status: number }>)(anonymousUrl, row.body?.())
    t.equal(anon.status, 401, `anonymous ${row.method.toUpperCase()} ${anonymousUrl}`)
    for (const role of ALL) {
      // Calendar delete needs an override to exist.
      if (row.method === 'delete' && anonymousUrl.includes('calendar/overrides')) await as(ctx.app, ctx.actors.admin).put('/api/calendar/overrides', { overrides: [{ date: '2027-01-01', kind: 'holiday' }] })
      const url = await row.url()
      const actor: Actor = ctx.actors[role]
      const client: Client = cookies?.[role] ?? as(ctx.app, actor)
      const res = await (client[row.method] as (u: string, b?: unknown) => Promise<{ status: number; body: unknown }>)(url, row.body?.())
      if (row.allowed.includes(role)) t.ok(res.status >= 200 && res.status < 300, `${role} may ${row.method.toUpperCase()} ${url} (got ${res.status} ${String(JSON.stringify(res.body)).slice(0, 200)})`)
      else t.equal(res.status, 403, `${role} may not ${row.method.toUpperCase()} ${url}`)
    }
  }
})

t.test("a unit user sees only tasks where its unit has a role; any other task is 404", async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const { planId, taskId } = await seedPlanWithTask(ctx, { cooperatingUnitIds: [] }) // unit A only
  const bTask = (await office.post(`/api/plans/${planId}/tasks`, { number: '2', title: 'B 的任务', leadUnitIds: [ctx.unitB] })).body.id
  const shared = (await office.post(`/api/plans/${planId}/tasks`, { number: '3', title: '共同', leadUnitIds: [ctx.unitB], cooperatingUnitIds: [ctx.unitA] })).body.id
  const unitA = as(ctx.app, ctx.actors.unitA)
  const unitB = as(ctx.app, ctx.actors.unitB)
  t.equal((await unitA.get(`/api/tasks/${taskId}`)).status, 200)
  t.equal((await unitB.get(`/api/tasks/${taskId}`)).status, 404, "another unit's task does not exist for B")
  t.equal((await unitA.get(`/api/tasks/${bTask}`)).status, 404)
  t.equal((await unitA.get(`/api/tasks/${shared}`)).status, 200, 'cooperating is a role too')
  t.equal((await unitA.get('/api/tasks/99999')).status, 404, 'indistinguishable from a missing task')
  const ids = async (c: typeof unitA, q = '') => (await c.get(`/api/tasks?${q}`)).body.items.map((x: { id: number }) => x.id)
  t.same(await ids(unitA), [taskId, shared])
  t.same(await ids(unitB), [bTask, shared])
  t.same(await ids(unitA, `unitId=${ctx.unitB}`), [shared], 'filtering by another unit never widens the scope')
  t.same(await ids(unitA, 'role=lead'), [taskId], 'role filters on the viewer’s own unit')
  t.same(await ids(unitA, `planId=${planId}&q=${encodeURIComponent('B 的')}`), [])
})

t.test('cursor pages walk 1,000 tasks with inserts in between: no duplicates, none missed', async (t) => {
  const ctx = await createTestApp(t)
  const { planId } = await seedPlanWithTask(ctx)
  const insert = ctx.db.$client.prepare("INSERT INTO tasks (plan_id, number, title, deadline) VALUES (?, ?, ?, ?)")
  const link = ctx.db.$client.prepare("INSERT INTO task_units (task_id, unit_id, role) VALUES (?, ?, 'lead')")
  ctx.db.$client.transaction(() => {
    for (let i = 2; i <= 1000; i++) {
      const id = insert.run(planId, String(i), `任务${i}`, `2027-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`).lastInsertRowid
      link.run(id, i % 2 ? ctx.unitA : ctx.unitB)
    }
  })()
  const office = as(ctx.app, ctx.actors.office)
  const idsNow = (sql: string, ...args: unknown[]) => new Set((ctx.db.$client.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id))
  // Unfiltered pages walk the tasks table; a unit's pages walk that unit's index entries instead.
  const walks = [
    { filter: '', before: idsNow('SELECT id FROM tasks') },
    { filter: `unitId=${ctx.unitA}&`, before: idsNow('SELECT task_id AS id FROM task_units WHERE unit_id = ?', ctx.unitA) },
  ]
  for (const { filter, before } of walks) {
    for (const sort of ['id', '-id', 'deadline', '-deadline']) {
      const seen: number[] = []
      let cursor: string | null = null
      let extra = 0
      do {
        const res: { body: { items: { id: number }[]; nextCursor: string | null } } = await office.get(`/api/tasks?${filter}sort=${sort}&limit=37${cursor ? `&cursor=${cursor}` : ''}`)
        seen.push(...res.body.items.map((x) => x.id))
        cursor = res.body.nextCursor
        // Concurrent writers: new tasks arrive between page requests.
        await office.post(`/api/plans/${planId}/tasks`, { number: `${filter ? 'u' : ''}${sort}-${++extra}`, title: '新增', leadUnitIds: [ctx.unitA], deadline: '2027-05-05' })
      } while (cursor)
      t.equal(new Set(seen).size, seen.length, `${filter}${sort}: no duplicates`)
      t.ok([...before].every((id) => seen.includes(id)), `${filter}${sort}: every task that existed at the start was seen (${seen.length} seen)`)
      const sorted = [...seen].sort((a, b) => a - b)
      if (sort === 'id') t.same(seen, sorted, `${filter}id: ascending`)
      if (sort === '-id') t.same(seen, sorted.reverse(), `${filter}-id: descending`)
    }
  }
})
