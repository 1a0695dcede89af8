// The leaders' dashboard (驾驶舱): its figures equal what the task list and plan progress say for the same
// state; the monthly trend is rebuilt from history, so later changes do not rewrite earlier months.
import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'

type Filter = Record<string, string | number | boolean>
interface Figure { count: number; filter: Filter }

t.test('dashboard figures, click-through filters, trend from history, instructions and roles', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-05-04' })
  const office = as(ctx.app, ctx.actors.office)
  const leader = as(ctx.app, ctx.actors.leader)
  const unitA = as(ctx.app, ctx.actors.unitA)
  const unitB = as(ctx.app, ctx.actors.unitB)
  const plan = (await office.post('/api/plans', { title: '城市更新', docNumber: '驾〔2026〕1号', startYear: 2026, endYear: 2027 })).body
  const other = (await office.post('/api/plans', { title: '另一计划', docNumber: '驾〔2026〕2号', startYear: 2025, endYear: 2026 })).body
  const mk = async (planId: number, number: string, lead: number, extra: Record<string, unknown> = {}) => {
    const res = await office.post(`/api/plans/${planId}/tasks`, { number, title: `任务${number}`, leadUnitIds: [lead], ...extra })
    t.equal(res.status, 201)
    return res.body as { id: number; targets: { id: number }[] }
  }
  const t1 = await mk(plan.id, '1', ctx.unitA, { deadline: '2026-06-15' }) // closed late, in July
  const t2 = await mk(plan.id, '2', ctx.unitA, { deadline: '2026-06-24' }) // overdue at June's end, extended in July
  const t3 = await mk(plan.id, '3', ctx.unitB, { deadline: '2026-05-29', targets: [{ year: 2026, description: '改造管网40公里', value: 40, measure: '公里' }] })
  const t4 = await mk(plan.id, '4', ctx.unitB, {}) // held to the plan's end
  await mk(other.id, '1', ctx.unitB, { deadline: '2026-05-20' })
  for (const x of [t1, t2, t3, t4]) {
    t.equal((await office.post(`/api/tasks/${x.id}/dispatch`, {})).status, 200)
  }
  for (const [client, x] of [[unitA, t1], [unitA, t2], [unitB, t3], [unitB, t4]] as const) t.equal((await client.post(`/api/tasks/${x.id}/acknowledge`, {})).status, 200)
  t.equal((await unitB.post(`/api/tasks/${t3.id}/reports`, { period: '2026-05', progress: '推进中', percent: 20, targetValues: [{ targetId: t3.targets[0]!.id, actual: 10 }] })).status, 201)

  const dashboard = async (query = `planId=${plan.id}`) => {
    const res = await leader.get(`/api/dashboard?${query}`)
    t.equal(res.status, 200, `GET /api/dashboard?${query}`)
    return res.body
  }
  /** Every figure with a filter lists exactly its count in GET /api/tasks. */
  async function checkFigures(d: Record<string, unknown>, label: string) {
    const figures: [string, Figure][] = [['total', d.total as Figure]]
    for (const group of ['byStatus', 'byLight'] as const) for (const [k, f] of Object.entries(d[group] as Record<string, Figure>)) figures.push([`${group}.${k}`, f])
    for (const u of (d.overdueByUnit as { units: (Figure & { unit: { name: string } })[] }).units) figures.push([`overdue of ${u.unit.name}`, u])
    const now = (d.trend as { filters: Record<string, Filter> | null; closed: number; overdue: number; red: number }[]).at(-1)!
    for (const k of ['closed', 'overdue', 'red'] as const) figures.push([`trend now ${k}`, { count: now[k], filter: now.filters![k]! }])
    for (const [name, f] of figures) {
      const query = new URLSearchParams(Object.entries({ ...f.filter, limit: 200 }).map(([k, v]) => [k, String(v)])).toString()
      const listed = (await office.get(`/api/tasks?${query}`)).body.items.length
      t.equal(f.count, listed, `${label}: ${name} = GET /api/tasks?${query}`)
    }
    if (d.planId === null) return // plan progress is per plan
    const progress = (await office.get(`/api/plans/${plan.id}/progress`)).body
    t.same(Object.fromEntries(Object.entries(d.byLight as Record<string, Figure>).map(([k, f]) => [k, f.count])), progress.counts.byLight, `${label}: lights as plan progress counts them`)
    t.same(Object.fromEntries(Object.entries(d.byStatus as Record<string, Figure>).map(([k, f]) => [k, f.count])), progress.counts.byStatus, `${label}: statuses as plan progress counts them`)
    const fromProgress = new Map((progress.targets.items as { targetId: number; actual: number | null; expectedToDate: number; value: number }[]).map((x) => [x.targetId, [x.value, x.actual, x.expectedToDate]]))
    for (const x of (d.targets as { items: { targetId: number; value: number; actual: number | null; expectedToDate: number }[] }).items) {
      t.same([x.value, x.actual, x.expectedToDate], fromProgress.get(x.targetId), `${label}: target ${x.targetId} as plan progress says`)
    }
  }

  ctx.setNow('2026-06-20')
  let d = await dashboard()
  await checkFigures(d, '20 June')
  t.same(d.overdueByUnit.units.map((u: { unit: { id: number }; count: number }) => [u.unit.id, u.count]), [[ctx.unitA, 1], [ctx.unitB, 1]])
  t.same(d.targets.items.map((x: { targetId: number; actual: number; onPace: boolean }) => [x.targetId, x.actual, x.onPace]), [[t3.targets[0]!.id, 10, false]])
  t.same([d.byLight.red.count, d.byLight.yellow.count, d.byLight.green.count], [2, 1, 1], 'tasks 1 and 3 red, task 2 due soon')
  for (const x of [t1, t2]) t.equal((await unitA.post(`/api/tasks/${x.id}/reports`, { period: '2026-06', progress: '推进中', percent: 50, targetValues: [] })).status, 201)
  const ext = await unitA.post(`/api/tasks/${t2.id}/extension-requests`, { newDeadline: '2026-09-30', reason: '汛期停工' })
  t.equal(ext.status, 201)

  // July: task 1 is closed (late), task 2's extension approved after its old deadline had passed.
  ctx.setNow('2026-07-02')
  t.equal((await unitA.post(`/api/tasks/${t1.id}/completion-request`, { summary: '已完成' })).status, 200)
  t.equal((await office.post(`/api/tasks/${t1.id}/review`, { decision: 'accept' })).status, 200)
  t.equal((await office.post(`/api/extension-requests/${ext.body.id}/decision`, { decision: 'approve' })).status, 200)
  // A leader's instruction on task 3; unit B reports how it acted on it.
  const ins = await leader.post('/api/instructions', { targetType: 'task', targetId: t3.id, text: '请市城管局加快推进管网改造' })
  t.equal(ins.status, 201)
  t.equal((await unitB.post(`/api/instructions/${ins.body.id}/report`, { text: '已增派施工队伍' })).status, 200)

  ctx.setNow('2026-08-03')
  d = await dashboard()
  await checkFigures(d, '3 August')
  const trend = Object.fromEntries(d.trend.map((p: { month: string; closed: number; overdue: number; red: number }) => [p.month, [p.closed, p.overdue, p.red]]))
  t.same(Object.keys(trend), ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'], 'since the plan began')
  t.same(trend['2026-04'], [0, 0, 0])
  t.same(trend['2026-05'], [0, 1, 1], 'May: task 3 past its 29 May deadline')
  t.same(trend['2026-06'], [0, 3, 3], 'June: tasks 1 and 2 too — task 1 closed and task 2 extended only later')
  t.same(trend['2026-07'], [1, 1, 1], 'July: task 1 closed, task 2 held to its new deadline')
  t.same(trend['2026-08'], [1, 1, 1])
  t.equal(d.rates.completion.rate, 0.25, 'one of four dispatched tasks closed')
  t.same([d.rates.onTime.rate, d.rates.onTime.closedOnTime], [0, 0], 'closed after its deadline')
  t.match(d.instructions, { open: 0, answered: 1, items: [{ id: ins.body.id, answered: true, targetType: 'task', targetId: t3.id, units: [{ id: ctx.unitB, latestReport: '已增派施工队伍' }] }] })

  // A write empties the cache: the next answer is recomputed.
  t.equal((await office.post(`/api/tasks/${t3.id}/suspend`, { reason: '暂停' })).status, 200)
  t.equal((await office.post(`/api/tasks/${t4.id}/cancel`, { reason: '取消' })).status, 200)
  d = await dashboard()
  await checkFigures(d, 'after writes')
  t.same([d.byStatus.suspended.count, d.byStatus.cancelled.count], [1, 1])
  t.same(d.trend.at(-1).filters.red, { planId: plan.id, light: 'red' })

  const all = await dashboard('')
  t.equal(all.planId, null)
  t.equal(all.total.count, 5, 'every plan')
  t.same(all.total.filter, {})
  t.equal(all.trend[0].month, '2025-01', 'from the earliest plan’s start')
  await checkFigures(all, 'all plans')

  for (const role of ['admin', 'office', 'supervisor', 'leader'] as const) t.equal((await as(ctx.app, ctx.actors[role]).get('/api/dashboard')).status, 200, role)
  t.equal((await unitA.get('/api/dashboard')).status, 403, 'units do not see the dashboard')
  t.equal((await leader.get('/api/dashboard?planId=999999')).status, 404)
  const bad = await leader.get('/api/dashboard?planId=abc')
  t.equal(bad.status, 400)
  t.match(bad.body.errors, [{ field: 'planId' }])
})
