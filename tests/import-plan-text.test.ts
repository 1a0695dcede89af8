import t from 'tap'
import { parsePlanText } from '../src/domain/plan-parser/index.js'
import { createPlanImporter } from '../src/importing/plan-import.js'
import { planTextDocument } from '../src/importing/plan-text.js'
import { as, createTestApp, type TestContext } from './fixtures/harness.js'
import { rowCounts, smallPlan } from './fixtures/imports.js'
import { expectedPlan, planText } from './fixtures/plans/load.js'

const ZERO = { plans: 0, sections: 0, tasks: 0, units: 0, targets: 0 }

async function planTasks(ctx: TestContext, planId: number) {
  const list = await as(ctx.app, ctx.actors.office).get(`/api/tasks?planId=${planId}&limit=200`)
  const details = await Promise.all(list.body.items.map((x: { id: number }) => as(ctx.app, ctx.actors.office).get(`/api/tasks/${x.id}`)))
  return new Map(details.map((d) => [d.body.number as string, d.body]))
}

for (const [file, taskCount] of [['beipiao-2021-plan', 25], ['anfu-2021-plan', 18]] as const) {
  t.test(`${file} imports as the fixture reads it`, async (t) => {
    const ctx = await createTestApp(t)
    const expected = expectedPlan(file)
    t.equal(expected.tasks.length, taskCount)
    const res = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text: planText(file) })
    t.equal(res.status, 201)
    t.equal(res.headers.location, `/api/plans/${res.body.planId}`)
    const targetCount = expected.tasks.reduce((n: number, x: { targets: unknown[] }) => n + x.targets.length, 0)
    t.match(res.body.created, { plans: 1, sections: expected.sections.length, tasks: taskCount, targets: targetCount })
    t.strictSame(res.body.updated, ZERO)

    const plan = await as(ctx.app, ctx.actors.leader).get(`/api/plans/${res.body.planId}`)
    t.match(plan.body.plan, { title: expected.title, docNumber: expected.docNumber, issuer: expected.issuer, issuedOn: expected.issuedOn, startYear: expected.startYear, endYear: expected.endYear })
    t.strictSame(plan.body.sections.map((s: { number: string; title: string }) => ({ number: s.number, title: s.title })), expected.sections)
    const sectionNumber = new Map(plan.body.sections.map((s: { id: number; number: string }) => [s.id, s.number]))

    // Every name as written resolves to one unit; names not in the registry become units named as written.
    const unitOf = new Map<string, number>(res.body.units.map((u: { name: string; unitId: number }) => [u.name, u.unitId]))
    const named = new Set<string>(expected.tasks.flatMap((x: any) => [...x.leadUnits, ...x.responsibleUnits, ...x.cooperatingUnits]))
    t.strictSame(new Set(unitOf.keys()), named, 'each name in the document is resolved')
    for (const u of res.body.units) {
      if (u.via === 'created') t.equal(ctx.app.repos.units.get(u.unitId)?.name, u.name, `${u.name} is registered as written`)
    }
    t.equal(res.body.created.units, res.body.units.filter((u: { via: string }) => u.via === 'created').length)

    const tasks = await planTasks(ctx, res.body.planId)
    t.equal(tasks.size, taskCount)
    const ids = (list: { id: number }[]) => list.map((u) => u.id)
    for (const want of expected.tasks) {
      const got = tasks.get(want.number)
      t.ok(got, `task ${want.number} exists`)
      t.match(got, { title: want.title, description: want.description, deadline: want.deadline, leadInferred: want.leadInferred, status: 'draft' }, `task ${want.number}`)
      t.equal(sectionNumber.get(got.sectionId), want.section, `task ${want.number} section`)
      t.strictSame(ids(got.units.lead), want.leadUnits.map((n: string) => unitOf.get(n)), `task ${want.number} lead`)
      t.strictSame(ids(got.units.responsible), want.responsibleUnits.map((n: string) => unitOf.get(n)).filter((id) => !ids(got.units.lead).includes(id as number)), `task ${want.number} responsible`)
      t.strictSame(got.targets.map((g: any) => ({ year: g.year, description: g.description, value: g.value, measure: g.measure, dueOn: g.dueOn })),
        want.targets.map((g: any) => ({ year: g.year, description: g.description, value: g.value ?? null, measure: g.measure ?? null, dueOn: `${g.year}-12-31` })), `task ${want.number} targets`)
    }
  })
}

t.test('re-importing the same plan changes nothing and duplicates nothing', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  for (const file of ['beipiao-2021-plan', 'anfu-2021-plan']) {
    const text = planText(file)
    const first = await office.post('/api/imports/plan-text', { text })
    t.equal(first.status, 201)
    const before = rowCounts(ctx.db)
    const versions = ctx.db.$client.prepare('SELECT id, version FROM tasks ORDER BY id').all()
    const again = await office.post('/api/imports/plan-text', { text })
    t.equal(again.status, 200, 'no plan created: 200, not 201')
    t.equal(again.body.planId, first.body.planId, 'the same plan')
    t.strictSame(again.body.created, ZERO)
    t.strictSame(again.body.updated, ZERO)
    t.strictSame(again.body.suggestions, [], 'names matched this time raise no suggestions')
    const after = rowCounts(ctx.db)
    t.strictSame({ ...after, audit_entries: 0 }, { ...before, audit_entries: 0 }, `${file}: no new plans, sections, tasks, units or targets`)
    t.equal(after.audit_entries, before.audit_entries + 1, 'only the import itself is audited')
    t.strictSame(ctx.db.$client.prepare('SELECT id, version FROM tasks ORDER BY id').all(), versions, 'no task version bumped')
  }
  const plans = await office.get('/api/plans')
  t.equal(plans.body.items.length, 2)
})

t.test('a changed text updates the plan in place; what the text leaves out stays', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const tasks = ['1.整治街道环境。加大保洁力度。(责任单位:区城管局、各街道)', '2.治理河道。开展清淤。(责任单位:区水利局)']
  const first = await office.post('/api/imports/plan-text', { text: smallPlan(tasks.join('\n')) })
  t.equal(first.status, 201)
  const planId = first.body.planId
  const before = await planTasks(ctx, planId)
  // The office sets a deadline the text never had.
  const river = before.get('2')
  t.equal((await office.patch(`/api/tasks/${river.id}`, { deadline: '2027-06-30' })).status, 200)

  const changed = [
    '1.整治街道环境。加大保洁力度,做到路见本色。(责任单位:区城管局、各街道)',
    tasks[1],
    '3.建设停车场。新建公共停车场。(责任单位:区交通局)',
  ]
  const res = await office.post('/api/imports/plan-text', { text: smallPlan(changed.join('\n')) })
  t.equal(res.status, 200)
  t.equal(res.body.planId, planId)
  t.match(res.body.created, { plans: 0, tasks: 1, units: 1 })
  t.match(res.body.updated, { plans: 0, tasks: 1 })
  const after = await planTasks(ctx, planId)
  t.equal(after.size, 3)
  t.equal(after.get('1').id, before.get('1').id, 'task 1 updated in place')
  t.equal(after.get('1').description, '加大保洁力度,做到路见本色。')
  t.equal(after.get('1').version, before.get('1').version + 1, 'its version is bumped')
  t.equal(after.get('2').deadline, '2027-06-30', 'the deadline the office set is kept: the text has none')

  const partial = await office.post('/api/imports/plan-text', { text: smallPlan(changed[0]!) })
  t.match(partial.body.warnings, [/2 项任务不在本次导入的文件中,保留未动:2、3/])
  t.equal((await planTasks(ctx, planId)).size, 3, 'tasks missing from the text are not deleted')
})

t.test('re-import is found by title and period when the plan has no 文号', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const text = smallPlan('1.整治街道环境。加大保洁力度。(责任单位:区城管局)', { docNumber: null })
  const first = await office.post('/api/imports/plan-text', { text })
  t.equal(first.status, 201)
  const again = await office.post('/api/imports/plan-text', { text })
  t.equal(again.body.planId, first.body.planId)
  t.strictSame(again.body.created, ZERO)
  const otherPeriod = await office.post('/api/imports/plan-text', { text: text.replace('2026—2028', '2029—2031') })
  t.equal(otherPeriod.status, 201, 'same title over another period is another plan')
  t.not(otherPeriod.body.planId, first.body.planId)
})

t.test('the deadline of a task already dispatched changes only through an extension', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const text = (date: string) => smallPlan(`1.建设停车场。新建公共停车场。(责任单位:区交通局,完成时限:${date})`)
  const first = await office.post('/api/imports/plan-text', { text: text('2026年12月31日前') })
  const [task] = [...(await planTasks(ctx, first.body.planId)).values()]
  t.equal(task.deadline, '2026-12-31')
  ctx.db.$client.prepare("UPDATE tasks SET status = 'dispatched' WHERE id = ?").run(task.id)
  const res = await office.post('/api/imports/plan-text', { text: text('2027年6月30日前') })
  t.match(res.body.warnings, [/延期申请/])
  t.strictSame(res.body.updated, ZERO)
  t.equal((await office.get(`/api/tasks/${task.id}`)).body.deadline, '2026-12-31')
})

t.test('each way a plan names units, brackets, traditional script and broken lines', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const housing = (await office.post('/api/units', { name: '区住房和城乡建设局', aliases: ['区住建局'] })).body.id
  const text = smallPlan([
    '(一)开展洁净行动',
    '1.整治街道环境。加大保洁力度。(牵头单位:区城管局;责任单位:区住建局、各街道;配合单位:区财政局)',
    '2.治理河道。开展清淤,2026年完成清淤10公里,2027年完成20公里。\n责任单位:区水利局,区自然资源局(区林业局)',
    '(二)开展畅通行动',
    '3.建设停车场。由区发改委牵头,区交通局配合。完成时限:2026年12月31日前',
    '4.整治背街小巷。全面整治背街小巷环境,\n确保干净整洁。(區住房和城鄉建設局負責)',
  ].join('\n'))
  const res = await office.post('/api/imports/plan-text', { text })
  t.equal(res.status, 201)
  const unit = (name: string) => res.body.units.find((u: { name: string }) => u.name === name)
  t.match(unit('区住建局'), { unitId: housing, via: 'alias' }, 'an alias matches the registered unit')
  t.match(unit('區住房和城鄉建設局'), { unitId: housing, via: 'name' }, 'traditional script matches the simplified name')
  t.match(unit('区自然资源局(区林业局)'), { via: 'created' }, 'brackets stay part of the name')
  t.equal(ctx.app.repos.units.get(unit('区自然资源局(区林业局)').unitId)?.name, '区自然资源局(区林业局)')
  t.equal(ctx.app.repos.units.get(unit('各街道').unitId)?.kind, 'group')

  const tasks = await planTasks(ctx, res.body.planId)
  const names = (list: { name: string }[]) => list.map((u) => u.name)
  t.match(tasks.get('1'), { leadInferred: false })
  t.strictSame([names(tasks.get('1').units.lead), names(tasks.get('1').units.responsible), names(tasks.get('1').units.cooperating)],
    [['区城管局'], ['区住房和城乡建设局', '各街道'], ['区财政局']], 'labelled 牵头/责任/配合 lists')
  t.strictSame([names(tasks.get('2').units.lead), names(tasks.get('2').units.responsible)], [['区水利局'], ['区自然资源局(区林业局)']], 'only 责任单位: the first leads')
  t.equal(tasks.get('2').leadInferred, true)
  t.strictSame(tasks.get('2').targets.map((g: any) => [g.year, g.value, g.measure]), [[2026, 10, '公里'], [2027, 20, '公里']], 'yearly targets')
  t.strictSame([names(tasks.get('3').units.lead), names(tasks.get('3').units.cooperating)], [['区发改委'], ['区交通局']], '由…牵头,…配合')
  t.equal(tasks.get('3').deadline, '2026-12-31')
  t.strictSame(names(tasks.get('4').units.lead), ['区住房和城乡建设局'], '(…负责) in traditional script')
  t.equal(tasks.get('4').description, '全面整治背街小巷环境,确保干净整洁。', 'a line broken mid-sentence is joined')
})

t.test('a unit named twice on a task, under two spellings, keeps its first role', async (t) => {
  const ctx = await createTestApp(t)
  // The harness registers 市城管局 with the alias 市城乡管理局.
  const res = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', {
    text: smallPlan('1.整治市容。规范广告设置。(牵头单位:市城管局;配合单位:市城乡管理局、市公安局)'),
  })
  t.equal(res.status, 201)
  t.match(res.body.warnings, [/市城乡管理局.*牵头单位.*配合单位/])
  const [task] = [...(await planTasks(ctx, res.body.planId)).values()]
  t.strictSame(task.units.lead.map((u: { id: number }) => u.id), [ctx.unitB])
  t.strictSame(task.units.cooperating.map((u: { name: string }) => u.name), ['市公安局'])
})

t.test('close names come back as suggestions and are never merged', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const cityManagement = (await office.post('/api/units', { name: '区城乡管理局' })).body
  const reform = (await office.post('/api/units', { name: '区发改局' })).body
  const text = smallPlan('1.整治市容。规范广告设置。(牵头单位:区城管局;配合单位:区发改委)')

  const dry = await office.post('/api/imports/plan-text', { text, dryRun: true })
  t.equal(dry.status, 200)
  t.equal(dry.body.dryRun, true)
  t.strictSame(dry.body.suggestions.map((s: any) => [s.name, s.suggestedUnit, 'unitId' in s]),
    [['区城管局', { id: cityManagement.id, name: '区城乡管理局' }, false], ['区发改委', { id: reform.id, name: '区发改局' }, false]])

  const res = await office.post('/api/imports/plan-text', { text })
  t.equal(res.status, 201)
  t.equal(res.body.suggestions.length, 2)
  for (const s of res.body.suggestions) {
    t.type(s.reason, 'string')
    t.not(s.unitId, s.suggestedUnit.id, `${s.name} is a unit of its own`)
    t.equal(ctx.app.repos.units.get(s.unitId)?.name, s.name)
  }
  t.strictSame(ctx.app.repos.units.get(cityManagement.id)?.aliases, [], 'the registered unit gained no alias')
  const [task] = [...(await planTasks(ctx, res.body.planId)).values()]
  t.strictSame(task.units.lead.map((u: { name: string }) => u.name), ['区城管局'], 'the task names the unit as the document does')

  // Once the office records the alias, the next import matches it.
  await office.patch(`/api/units/${reform.id}`, { aliases: ['区发改委'] })
  const next = await office.post('/api/imports/plan-text', { text: smallPlan('1.建设停车场。新建公共停车场。(责任单位:区发改委)', { docNumber: '测政办发〔2026〕2号' }) })
  t.match(next.body.units, [{ name: '区发改委', via: 'name' }], 'the unit created under that name still exists and wins by name')
})

t.test('a dry run returns the parse and what a commit would do, and writes nothing', async (t) => {
  const ctx = await createTestApp(t)
  const text = planText('beipiao-2021-plan')
  const before = rowCounts(ctx.db)
  const res = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text, dryRun: true })
  t.equal(res.status, 200)
  t.strictSame(res.body.parse, JSON.parse(JSON.stringify(parsePlanText(text))))
  t.equal(res.body.planId, null)
  t.match(res.body.created, { plans: 1, tasks: 25 })
  t.ok(res.body.units.every((u: any) => (u.via === 'created') === (u.unitId === null)), 'units to be created have no id yet')
  t.strictSame(rowCounts(ctx.db), before)
  const commit = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text })
  t.strictSame(commit.body.created, res.body.created, 'the dry run counted what the commit did')
  t.strictSame(commit.body.warnings, res.body.warnings)
})

t.test('refusals: not a plan (422), over 5 MB (413), wrong role; nothing written', async (t) => {
  const ctx = await createTestApp(t)
  const before = rowCounts(ctx.db)
  for (const text of ['会议纪要\n今天天气很好,大家讨论了绿化工作。', '   \n  ']) {
    const res = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text })
    t.equal(res.status, 422)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.match(res.body, { status: 422, errors: [{ in: 'body', field: 'text' }] })
    t.ok(res.body.detail.length > 20, 'the reason is given')
  }

  const huge = planText('beipiao-2021-plan').padEnd(5 * 1024 * 1024 + 1, '。')
  const tooLarge = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text: huge })
  t.equal(tooLarge.status, 413)
  t.match(tooLarge.headers['content-type'], /application\/problem\+json/)
  t.match(tooLarge.body, { status: 413, title: 'Content Too Large' })

  const text = smallPlan('1.整治街道环境。加大保洁力度。(责任单位:区城管局)')
  for (const who of ['unitA', 'supervisor', 'leader'] as const) {
    t.equal((await as(ctx.app, ctx.actors[who]).post('/api/imports/plan-text', { text })).status, 403, who)
  }
  t.equal((await as(ctx.app, null).post('/api/imports/plan-text', { text })).status, 401)
  t.equal((await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text, extra: 1 })).status, 400, 'unknown fields are refused')
  t.strictSame(rowCounts(ctx.db), before)
  t.equal((await as(ctx.app, ctx.actors.admin).post('/api/imports/plan-text', { text })).status, 201, 'the admin may')
})

t.test('every write is audited, and a failure part-way leaves nothing behind', async (t) => {
  const ctx = await createTestApp(t)
  const text = planText('anfu-2021-plan')
  const doc = planTextDocument(parsePlanText(text), '2026-11-20')
  const before = rowCounts(ctx.db)
  let calls = 0
  const tasks = { ...ctx.app.repos.tasks, insertTask: (...args: Parameters<typeof ctx.app.repos.tasks.insertTask>) => {
    if (++calls === 5) throw new Error('the disk is full')
    return ctx.app.repos.tasks.insertTask(...args)
  } }
  const failing = createPlanImporter(ctx.db, { units: ctx.app.repos.units, tasks })
  t.throws(() => failing.commit(doc, ctx.actors.office.id, 'plan-text'), /disk is full/)
  t.equal(calls, 5, 'four tasks, their units and the plan were written before the failure')
  t.strictSame(rowCounts(ctx.db), before, 'all of it rolled back')

  const outcome = createPlanImporter(ctx.db, ctx.app.repos).commit(doc, ctx.actors.office.id, 'plan-text')
  const actions = ctx.db.$client.prepare('SELECT action, count(*) AS n FROM audit_entries WHERE actor_id = ? GROUP BY action').all(ctx.actors.office.id)
  t.strictSame(Object.fromEntries(actions.map((a: any) => [a.action, a.n])), {
    'plan.create': 1, 'section.create': outcome.created.sections, 'task.create': 18, 'unit.create': outcome.created.units, 'plan.import': 1,
  })
})
