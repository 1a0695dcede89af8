import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from '../fixtures/harness.js'

t.test('every write leaves an audit entry with the actor, before and after', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const { taskId } = await seedPlanWithTask(ctx)
  await office.patch(`/api/tasks/${taskId}`, { title: '新标题' })
  const res = await office.get(`/api/audit?entityType=task&entityId=${taskId}`)
  t.same(res.body.items.map((e: { action: string }) => e.action), ['task.create', 'task.update'])
  const update = res.body.items[1]
  t.equal(update.actorId, ctx.actors.office.id)
  t.equal(update.before.title, '改造老旧小区')
  t.equal(update.after.title, '新标题')
  t.match(update.at, /^\d{4}-\d{2}-\d{2}T/)
  await office.patch(`/api/units/${ctx.unitA}`, { aliases: ['住建局'] })
  const unitAudit = await as(ctx.app, ctx.actors.supervisor).get(`/api/audit?entityType=unit&entityId=${ctx.unitA}`)
  t.same(unitAudit.body.items.map((e: { action: string }) => e.action), ['unit.create', 'unit.update'])
  t.same(unitAudit.body.items[1].after.aliases, ['住建局'])
  const writes = ctx.db.$client.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }
  t.ok(writes.n >= 10, 'users, units, plan, task all audited')
  const page = await office.get('/api/audit?limit=3')
  const next = await office.get(`/api/audit?limit=3&cursor=${page.body.nextCursor}`)
  t.ok(next.body.items[0].id > page.body.items[2].id)
})

t.test('calendar overrides: admin marks days, lights follow', async (t) => {
  // Deadline Monday 2027-01-11, today Friday 2027-01-01 (chinese-days does not know 2027 yet: a plain Friday).
  const ctx = await createTestApp(t, { now: '2027-01-01' })
  const admin = as(ctx.app, ctx.actors.admin)
  const { taskId } = await seedPlanWithTask(ctx, { deadline: '2027-01-11', targets: [] })
  const light = async () => (await admin.get(`/api/tasks/${taskId}`)).body.light
  t.equal(await light(), 'green', 'six working days remain: 4, 5, 6, 7, 8, 11 Jan')
  const put = await admin.put('/api/calendar/overrides', { overrides: [
    { date: '2027-01-05', kind: 'holiday', note: '测试假日' },
    { date: '2027-01-06', kind: 'holiday', note: '测试假日' },
  ] })
  t.equal(put.status, 200)
  t.equal(put.body.items.length, 2)
  t.equal(await light(), 'yellow', 'with 5 and 6 Jan off, four working days remain')
  t.equal((await admin.get('/api/tasks?light=yellow')).body.items.length, 1, 'the stored window was recomputed for the list filter')
  await admin.put('/api/calendar/overrides', { overrides: [{ date: '2027-01-09', kind: 'workday', note: '调休' }] })
  t.equal((await admin.get('/api/calendar/overrides')).body.items.length, 3)
  t.equal((await admin.delete('/api/calendar/overrides?date=2027-01-05')).status, 204)
  t.equal((await admin.delete('/api/calendar/overrides?date=2027-01-05')).status, 404)
  const bad = await admin.put('/api/calendar/overrides', { overrides: [{ date: '2027-02-30', kind: 'holiday' }] })
  t.equal(bad.status, 400)
  t.equal(bad.body.errors[0].field, 'overrides/0/date')
  t.equal((await admin.put('/api/calendar/overrides', { overrides: [{ date: '2027-02-01', kind: 'weekend' }] })).status, 400)
  const audited = ctx.db.$client.prepare("SELECT count(*) AS n FROM audit_entries WHERE entity_type = 'calendar_override'").get() as { n: number }
  t.equal(audited.n, 4)
})
