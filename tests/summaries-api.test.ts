import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { Value } from 'typebox/value'
import { auditEntries, outboxEvents, summaries } from '../src/db/schema/index.js'
import { AnnualContentSchema, MonthlyContentSchema, QuarterlyContentSchema, SummaryMetaSchema } from '../src/schemas/summaries.js'
import { as, createTestApp } from './fixtures/harness.js'
import { buildSummaryPlan, PLAN_TITLE } from './fixtures/summary-plan.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

t.test('summaries of a known plan', async (t) => {
  const ctx = await createTestApp(t)
  const plan = await buildSummaryPlan(ctx)
  const { t1, t2, t3, t10 } = plan.tasks
  const { a, b, c } = plan.units
  ctx.setNow('2027-01-04')
  const office = as(ctx.app, ctx.actors.office)
  const generate = (kind: string, period: string, client = office) => client.post('/api/summaries', { kind, planId: plan.planId, period })
  const header = { planId: plan.planId, planTitle: PLAN_TITLE, docNumber: '北政办发〔2021〕60号', issuedBy: '北票市城市更新工作领导小组办公室' }
  const ids: Record<string, number> = {}

  t.test('monthly dispatch 2026-06: every line', async (t) => {
    const res = await generate('monthly', '2026-06')
    t.equal(res.status, 201)
    t.match(res.body, { kind: 'monthly', planId: plan.planId, period: '2026-06', title: `《${PLAN_TITLE}》2026年6月调度情况`, generatedAt: '2027-01-04T04:00:00.000Z', generatedBy: ctx.actors.office.id })
    t.equal(res.headers.location, `/api/summaries/${res.body.id}`)
    ids.monthly = res.body.id
    const got = await office.get(`/api/summaries/${res.body.id}`)
    t.equal(got.status, 200)
    t.match(got.headers['content-type'], /^application\/json/)
    t.equal(got.body.contentHash, res.body.contentHash)
    t.same(got.body.content, {
      kind: 'monthly', ...header, period: '2026-06', periodName: '2026年6月', from: '2026-06-01', to: '2026-06-30', asOf: '2026-06-30',
      title: `《${PLAN_TITLE}》2026年6月调度情况`,
      // Task 10's extension was approved on 07-02: on 06-30 its deadline was still 06-26, so it was red then.
      // Task 3, dispatched in April, had no June report after the 25th: yellow.
      overview: {
        total: 5,
        byStatus: { draft: 1, dispatched: 1, acknowledged: 0, in_progress: 2, completion_requested: 0, closed: 1, suspended: 0, cancelled: 0 },
        byLight: { green: 1, yellow: 1, red: 3 },
      },
      closed: [{ taskId: t2, number: '2', title: '整治背街小巷', leadUnits: ['市城管局'], deadline: '2026-06-05', closedOn: '2026-06-03', onTime: true }],
      // 06-19 (Dragon Boat) and the weekends are not working days: 06-22..26 and 06-29..30 are 7.
      // Task 10's target: 0 of 1 reported when 序时进度 was 0.4959, far behind.
      overdue: [
        {
          taskId: t1, number: '1', title: '改造老旧小区', leadUnits: ['市住建局'], deadline: '2026-06-18', deadlineSource: 'task', status: 'in_progress',
          reasons: [{ kind: 'overdue', deadline: '2026-06-18', days: 7 }], workingDaysOverdue: 7, escalationLevel: 2,
        },
        {
          taskId: t10, number: '10', title: '推进城市体检', leadUnits: ['市住建局'], deadline: '2026-06-26', deadlineSource: 'task', status: 'in_progress',
          reasons: [{ kind: 'overdue', deadline: '2026-06-26', days: 2 }, { kind: 'behind_schedule', targetId: plan.targets.t10, actual: 0, expected: 0.4959 }],
          workingDaysOverdue: 2, escalationLevel: 0,
        },
      ],
      warnings: [
        { taskId: t3, number: '3', title: '建设口袋公园', leadUnits: ['市自然资源局'], deadline: '2026-09-30', deadlineSource: 'task', status: 'dispatched', reasons: [{ kind: 'report_missing', period: '2026-06' }] },
      ],
      missedReports: [{ unitId: c, unit: '市自然资源局', due: 1, missing: 1, taskNumbers: ['3'] }],
      // Only the lead's actuals count (the responsible unit reported 30 for task 1).
      targets: [
        { targetId: plan.targets.t1, taskId: t1, taskNumber: '1', description: '改造老旧小区40个', measure: '个', value: 40, actual: 25, expectedToDate: 19.8356, completionPercent: 62.5, expectedPercent: 49.6, behind: false },
        { targetId: plan.targets.t10, taskId: t10, taskNumber: '10', description: '完成城市体检报告', measure: '份', value: 1, actual: 0, expectedToDate: 0.4959, completionPercent: 0, expectedPercent: 49.6, behind: true },
      ],
      problems: [
        { taskId: t1, taskNumber: '1', unitId: a, unit: '市住建局', month: '2026-06', problems: '部分居民不同意改造方案' },
        { taskId: t1, taskNumber: '1', unitId: b, unit: '市城管局', month: '2026-06', problems: '施工场地协调困难' },
      ],
      instructions: [],
    })
  })

  t.test('quarterly notice 2026-Q2: scores, ranking, praise and criticism', async (t) => {
    const res = await generate('quarterly', '2026-Q2')
    t.equal(res.status, 201)
    ids.quarterly = res.body.id
    const { body } = await office.get(`/api/summaries/${res.body.id}?format=json`)
    const unitLine = (unitId: number, unit: string, f: Record<string, number>) => ({
      unitId, unit, closedOnTime: 0, closedLate: 0, overdue: 0, reportsOnTime: 0, reportsLate: 0, reportsMissing: 0, escalationsL2: 0, escalationsL3: 0, ...f,
    })
    t.same(body.content, {
      kind: 'quarterly', ...header, period: '2026-Q2', periodName: '2026年第二季度', from: '2026-04-01', to: '2026-06-30', asOf: '2026-06-30',
      title: `《${PLAN_TITLE}》2026年第二季度推进情况通报`,
      overview: {
        total: 5,
        byStatus: { draft: 1, dispatched: 1, acknowledged: 0, in_progress: 2, completion_requested: 0, closed: 1, suspended: 0, cancelled: 0 },
        byLight: { green: 1, yellow: 1, red: 3 },
      },
      units: [
        // B: task 2 closed on time, April and May reported on time (task 2 owed none in June, being closed): 100.
        { rank: 1, ...unitLine(b, '市城管局', { tasksLed: 1, closedOnTime: 1, reportsDue: 2, reportsOnTime: 2, score: 100 }) },
        // C: task 3 never signed for, no report in three months, one 督办单: 40 + 0 + 20 − 2.
        { rank: 2, ...unitLine(c, '市自然资源局', { tasksLed: 1, reportsDue: 3, reportsMissing: 3, escalationsL2: 1, score: 58 }) },
        // A: tasks 1 and 10 overdue on 06-30, May's report for task 1 late (05-27 after the 25th): 0 + 40 × 5.5/6 + 20 − 2.
        { rank: 3, ...unitLine(a, '市住建局', { tasksLed: 2, overdue: 2, reportsDue: 6, reportsOnTime: 5, reportsLate: 1, escalationsL2: 1, score: 54.7 }) },
      ],
      praised: [{ unitId: b, unit: '市城管局', reasons: ['按期办结任务1项', '按时报送进展2次', '无逾期任务'] }],
      criticised: [
        { unitId: a, unit: '市住建局', reasons: ['1项任务被督查室督办', '2项任务逾期未办结'] },
        { unitId: c, unit: '市自然资源局', reasons: ['1项任务被督查室督办', '未报送月度进展3次'] },
      ],
      escalatedTasks: [],
      instructions: [],
    })
  })

  t.test('annual assessment 2026: the year, targets met or not, the task escalated to the leaders', async (t) => {
    const res = await generate('annual', '2026')
    t.equal(res.status, 201)
    ids.annual = res.body.id
    const { body } = await office.get(`/api/summaries/${res.body.id}`)
    t.same(body.content, {
      kind: 'annual', ...header, period: '2026', periodName: '2026年', from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31',
      title: `《${PLAN_TITLE}》2026年度考核结果`,
      overview: {
        total: 5,
        byStatus: { draft: 1, dispatched: 1, acknowledged: 0, in_progress: 1, completion_requested: 0, closed: 2, suspended: 0, cancelled: 0 },
        byLight: { green: 2, yellow: 0, red: 3 },
      },
      units: [
        { rank: 1, unitId: b, unit: '市城管局', tasksLed: 1, closedOnTime: 1, closedLate: 0, overdue: 0, reportsDue: 2, reportsOnTime: 2, reportsLate: 0, reportsMissing: 0, escalationsL2: 0, escalationsL3: 0, score: 100 },
        // A owed 13 reports (none before April's dispatch; task 10 none after its close in August): 20 + 40 × 6.5/13 + 20 − 2 − 5.
        { rank: 2, unitId: a, unit: '市住建局', tasksLed: 2, closedOnTime: 1, closedLate: 0, overdue: 1, reportsDue: 13, reportsOnTime: 6, reportsLate: 1, reportsMissing: 6, escalationsL2: 1, escalationsL3: 1, score: 53 },
        { rank: 3, unitId: c, unit: '市自然资源局', tasksLed: 1, closedOnTime: 0, closedLate: 0, overdue: 1, reportsDue: 9, reportsOnTime: 0, reportsLate: 0, reportsMissing: 9, escalationsL2: 1, escalationsL3: 0, score: 18 },
      ],
      praised: [{ unitId: b, unit: '市城管局', reasons: ['按期办结任务1项', '按时报送进展2次', '无逾期任务'] }],
      criticised: [
        { unitId: c, unit: '市自然资源局', reasons: ['1项任务被督查室督办', '1项任务逾期未办结', '未报送月度进展9次'] },
        { unitId: a, unit: '市住建局', reasons: ['1项任务逾期被提级至领导督办', '1项任务被督查室督办', '1项任务逾期未办结', '未报送月度进展6次'] },
      ],
      escalatedTasks: [{ taskId: t1, number: '1', title: '改造老旧小区', leadUnits: ['市住建局'], deadline: '2026-06-18', openedOn: '2026-07-13', escalationStatus: 'acknowledged', status: 'in_progress' }],
      targets: [
        { targetId: plan.targets.t1, taskId: t1, taskNumber: '1', description: '改造老旧小区40个', measure: '个', value: 40, actual: 25, completionPercent: 62.5, met: false },
        { targetId: plan.targets.t10, taskId: t10, taskNumber: '10', description: '完成城市体检报告', measure: '份', value: 1, actual: 1, completionPercent: 100, met: true },
      ],
    })
  })

  t.test('the JSON sent matches the documented schemas', async (t) => {
    for (const [kind, schema] of [['monthly', MonthlyContentSchema], ['quarterly', QuarterlyContentSchema], ['annual', AnnualContentSchema]] as const) {
      const { body } = await office.get(`/api/summaries/${ids[kind]}`)
      t.ok(Value.Check(schema, body.content), `${kind} content`)
      const { content, ...rest } = body
      t.ok(Value.Check(SummaryMetaSchema, rest), `${kind} metadata`)
      t.notOk(Value.Check(schema, { ...body.content, extra: 1 }), 'a field the schema does not name would fail')
    }
  })

  t.test('markdown: the document line by line', async (t) => {
    const res = await office.get(`/api/summaries/${ids.monthly}?format=md`)
    t.equal(res.status, 200)
    t.equal(res.headers['content-type'], 'text/markdown; charset=utf-8')
    t.same(String(res.body).split('\n'), [
      `# 《${PLAN_TITLE}》2026年6月调度情况`,
      '',
      '北票市城市更新工作领导小组办公室　2027年1月4日',
      '',
      `现将2026年6月《${PLAN_TITLE}》（北政办发〔2021〕60号）任务推进调度情况通报如下。`,
      '',
      '## 一、总体情况',
      '',
      '截至2026年6月30日，共有任务5项，其中未交办1项、已交办1项、推进中2项、已销号1项；亮灯情况：绿灯1项、黄灯1项、红灯3项。',
      '',
      '| 未交办 | 已交办 | 已签收 | 推进中 | 申请办结 | 已销号 | 已暂停 | 已撤销 | 合计 |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| 1 | 1 | 0 | 2 | 0 | 1 | 0 | 0 | 5 |',
      '',
      '| 绿灯 | 黄灯 | 红灯 |',
      '| ---: | ---: | ---: |',
      '| 1 | 1 | 3 |',
      '',
      '## 二、本月销号任务',
      '',
      '| 序号 | 任务编号 | 任务名称 | 牵头单位 | 完成时限 | 销号日期 | 是否按期 |',
      '| ---: | --- | --- | --- | --- | --- | --- |',
      '| 1 | 2 | 整治背街小巷 | 市城管局 | 2026-06-05 | 2026-06-03 | 按期 |',
      '',
      '## 三、逾期未完成任务（红灯）',
      '',
      '| 序号 | 任务编号 | 任务名称 | 牵头单位 | 完成时限 | 逾期工作日 | 状态 | 督办情况 | 亮灯原因 |',
      '| ---: | --- | --- | --- | --- | ---: | --- | --- | --- |',
      '| 1 | 1 | 改造老旧小区 | 市住建局 | 2026-06-18 | 7 | 推进中 | 督办 | 逾期 7 个工作日(完成时限6月18日) |',
      '| 2 | 10 | 推进城市体检 | 市住建局 | 2026-06-26 | 2 | 推进中 | — | 逾期 2 个工作日(完成时限6月26日)；年度目标落后序时进度(完成0,序时应完成0.4959) |',
      '',
      '## 四、预警任务（黄灯）',
      '',
      '| 序号 | 任务编号 | 任务名称 | 牵头单位 | 完成时限 | 状态 | 预警原因 |',
      '| ---: | --- | --- | --- | --- | --- | --- |',
      '| 1 | 3 | 建设口袋公园 | 市自然资源局 | 2026-09-30 | 已交办 | 2026年6月进展未报送 |',
      '',
      '## 五、未按时报送进展的单位',
      '',
      '| 序号 | 单位 | 应报任务数 | 未报任务数 | 未报任务编号 |',
      '| ---: | --- | ---: | ---: | --- |',
      '| 1 | 市自然资源局 | 1 | 1 | 3 |',
      '',
      '## 六、年度目标完成情况',
      '',
      '| 序号 | 任务编号 | 年度目标 | 目标值 | 累计完成 | 序时进度目标 | 完成率 | 序时进度 | 进度 |',
      '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
      '| 1 | 1 | 改造老旧小区40个 | 40个 | 25个 | 19.84个 | 62.5% | 49.6% | 正常 |',
      '| 2 | 10 | 完成城市体检报告 | 1份 | 0份 | 0.5份 | 0% | 49.6% | 滞后 |',
      '',
      '## 七、各单位反映的问题',
      '',
      '| 序号 | 任务编号 | 单位 | 月份 | 存在问题 |',
      '| ---: | --- | --- | --- | --- |',
      '| 1 | 1 | 市住建局 | 2026年6月 | 部分居民不同意改造方案 |',
      '| 2 | 1 | 市城管局 | 2026年6月 | 施工场地协调困难 |',
      '',
      '## 八、领导批示落实情况',
      '',
      '无。',
      '',
    ])
    const quarterly = String((await office.get(`/api/summaries/${ids.quarterly}?format=md`)).body).split('\n')
    t.ok(quarterly.includes('| 1 | 市城管局 | 1 | 1 | 0 | 0 | 2 | 2 | 0 | 0 | 0 | 0 | 100 |'), 'ranking row')
    t.ok(quarterly.includes('| 1 | 市城管局 | 按期办结任务1项；按时报送进展2次；无逾期任务。 |'), 'praise row')
    t.ok(quarterly.includes('| 2 | 市自然资源局 | 1项任务被督查室督办；未报送月度进展3次。 |'), 'criticism row')
    const annual = String((await office.get(`/api/summaries/${ids.annual}?format=md`)).body).split('\n')
    t.ok(annual.includes('| 1 | 1 | 改造老旧小区 | 市住建局 | 2026-06-18 | 2026-07-13 | 已签收 | 推进中 |'), 'L3 task row')
    t.ok(annual.includes('| 2 | 10 | 完成城市体检报告 | 1份 | 1份 | 100% | 已完成 |'), 'target met row')
  })

  t.test('html: a self-contained page with the same tables', async (t) => {
    const res = await office.get(`/api/summaries/${ids.monthly}?format=html`)
    t.equal(res.status, 200)
    t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
    const html = String(res.body)
    t.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/)
    t.ok(html.includes('<meta charset="utf-8">'))
    t.ok(html.includes(`<h1>《${PLAN_TITLE}》2026年6月调度情况</h1>`))
    t.ok(html.includes('<h2>三、逾期未完成任务（红灯）</h2>'))
    t.ok(html.includes('<tr><td class="num" align="right">1</td><td>1</td><td>改造老旧小区</td><td>市住建局</td><td>2026-06-18</td><td class="num" align="right">7</td><td>推进中</td><td>督办</td><td>逾期 7 个工作日(完成时限6月18日)</td></tr>'))
    t.ok(html.includes('<h2>四、预警任务（黄灯）</h2>'))
    t.ok(html.includes('<td>2026年6月进展未报送</td>'), 'the yellow task says why')
    t.notMatch(html, /<script|src=|href=/, 'nothing external')
  })

  t.test('docx: a Word file that opens, with the title and real tables', async (t) => {
    for (const [kind, id] of Object.entries(ids)) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/summaries/${id}?format=docx`, headers: { authorization: `Bearer ${ctx.actors.leader.token}` } })
      t.equal(res.statusCode, 200)
      t.equal(res.headers['content-type'], DOCX)
      const title = (await office.get(`/api/summaries/${id}`)).body.title as string
      t.equal(res.headers['content-disposition'], `attachment; filename="summary-${id}.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`)
      const file = path.join(ctx.dir, `${kind}.docx`)
      fs.writeFileSync(file, res.rawPayload)
      const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' })
      t.ok(xml.includes(`<w:t xml:space="preserve">${title}</w:t>`), `${kind}: title`)
      t.match(xml, /<w:tbl>/, `${kind}: a table`)
      t.match(xml, /w:eastAsia="仿宋"/, `${kind}: body in 仿宋`)
    }
    const monthly = execFileSync('unzip', ['-p', path.join(ctx.dir, 'monthly.docx'), 'word/document.xml'], { encoding: 'utf8' })
    t.match(monthly, /<w:tc>(?:(?!<\/w:tc>).)*<w:t xml:space="preserve">改造老旧小区<\/w:t>/, 'a task in a table cell')
    t.match(monthly, /<w:tblHeader\/>/, 'header rows repeat on each page')
    const quarterly = execFileSync('unzip', ['-p', path.join(ctx.dir, 'quarterly.docx'), 'word/document.xml'], { encoding: 'utf8' })
    t.match(quarterly, /w:orient="landscape"/, 'the wide ranking table turns the page')
    t.match(quarterly, /<w:t xml:space="preserve">市城管局<\/w:t>/)
    t.ok(monthly.includes('<w:t xml:space="preserve">亮灯原因</w:t>'), 'the red table has a column of reasons')
    t.ok(monthly.includes('<w:t xml:space="preserve">逾期 2 个工作日(完成时限6月26日)；年度目标落后序时进度(完成0,序时应完成0.4959)</w:t>'), 'a red task says why')
    t.ok(monthly.includes('<w:t xml:space="preserve">2026年6月进展未报送</w:t>'), 'a yellow task says why')
  })

  t.test('the same data and period give the same content; a change gives a new version', async (t) => {
    const before = await office.get(`/api/summaries/${ids.monthly}`)
    const again = await generate('monthly', '2026-06')
    t.equal(again.status, 200, 'unchanged: the summary in force is returned')
    t.equal(again.body.id, ids.monthly)
    t.equal(again.body.contentHash, before.body.contentHash)
    // A June report submitted now, after June, does not change what June looked like.
    await as(ctx.app, plan.unitC).post(`/api/tasks/${t3}/acknowledge`, {})
    const late = await as(ctx.app, plan.unitC).post(`/api/tasks/${t3}/reports`, { period: '2026-06', progress: '补报', percent: 10, targetValues: [] })
    t.equal(late.status, 201)
    t.equal((await generate('monthly', '2026-06')).status, 200)
    // Renaming a unit changes the content: a new version, which the list now shows in its place.
    ctx.app.repos.units.update(c, { name: '市自然资源和规划局' }, ctx.actors.admin.id)
    const changed = await generate('monthly', '2026-06')
    t.equal(changed.status, 201)
    t.not(changed.body.id, ids.monthly)
    t.not(changed.body.contentHash, before.body.contentHash)
    const list = await office.get(`/api/summaries?planId=${plan.planId}&kind=monthly`)
    t.same(list.body.items.map((s: { id: number }) => s.id), [changed.body.id])
    t.equal((await office.get(`/api/summaries/${ids.monthly}`)).body.contentHash, before.body.contentHash, 'the old version stays readable')
    const rows = ctx.db.select().from(summaries).all()
    t.equal(rows.length, 4)
  })

  t.test('each generation is audited and leaves one summary.generated event', async (t) => {
    const events = ctx.db.select().from(outboxEvents).all().filter((e) => e.type === 'summary.generated')
    const stored = ctx.db.select().from(summaries).all()
    t.same(events.map((e) => e.payload), stored.map((s) => ({ summaryId: s.id, kind: s.kind, planId: plan.planId, period: s.period })))
    t.same(ctx.db.$client.prepare('SELECT DISTINCT typeof(content) FROM summaries').pluck().all(), ['text'], 'the content is stored as text')
    const audits = ctx.db.select().from(auditEntries).all().filter((e) => e.action === 'summary.generate')
    t.same(audits.map((e) => [e.entityId, e.actorId]), stored.map((s) => [s.id, ctx.actors.office.id]))
  })

  t.test('listing: newest first, paged, filtered', async (t) => {
    const all = await as(ctx.app, ctx.actors.supervisor).get('/api/summaries')
    t.equal(all.status, 200)
    t.same(all.body.items.map((s: { kind: string }) => s.kind), ['monthly', 'annual', 'quarterly'])
    t.equal(all.body.nextCursor, null)
    const page1 = await office.get('/api/summaries?limit=2')
    t.equal(page1.body.items.length, 2)
    const page2 = await office.get(`/api/summaries?limit=2&cursor=${page1.body.nextCursor}`)
    t.same(page2.body.items.map((s: { kind: string }) => s.kind), ['quarterly'])
    t.same((await office.get('/api/summaries?period=2026-Q2')).body.items.map((s: { id: number }) => s.id), [ids.quarterly])
    t.same((await office.get(`/api/summaries?planId=${plan.planId + 1}`)).body.items, [])
    t.same(Object.keys(all.body.items[0]).sort(), ['contentHash', 'generatedAt', 'generatedBy', 'id', 'kind', 'period', 'planId', 'title'], 'no content in the list')
  })

  t.test('unit users read the circulated notices, not the monthly dispatch', async (t) => {
    const unit = as(ctx.app, ctx.actors.unitA)
    const list = await unit.get('/api/summaries')
    t.same(list.body.items.map((s: { kind: string }) => s.kind), ['annual', 'quarterly'])
    t.equal((await unit.get(`/api/summaries/${ids.quarterly}?format=md`)).status, 200)
    const monthly = await unit.get(`/api/summaries/${ids.monthly}`)
    t.equal(monthly.status, 404)
    t.equal(monthly.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal((await generate('quarterly', '2026-Q3', unit)).status, 403, 'only the office publishes')
    t.equal((await generate('quarterly', '2026-Q3', as(ctx.app, ctx.actors.leader))).status, 403)
    t.equal((await as(ctx.app, null).get('/api/summaries')).status, 401)
  })

  t.test('requests the service refuses', async (t) => {
    for (const [kind, period] of [['monthly', '2026-Q2'], ['quarterly', '2026-06'], ['annual', '2026-01'], ['monthly', '2026-13']]) {
      const res = await generate(kind!, period!)
      t.equal(res.status, 400, `${kind} ${period}`)
      t.same(res.body.errors, [{ in: 'body', field: 'period', detail: res.body.errors[0].detail }])
    }
    const bad = await generate('weekly', '2026-06')
    t.equal(bad.status, 400)
    t.equal(bad.body.errors[0].field, 'kind')
    const missing = await office.post('/api/summaries', { kind: 'monthly', planId: 9999, period: '2026-06' })
    t.equal(missing.status, 404)
    t.match(missing.body.detail, /Plan 9999/)
    const future = await generate('monthly', '2027-02')
    t.equal(future.status, 422)
    t.equal(future.body.errors[0].field, 'period')
    t.equal((await office.get('/api/summaries/9999')).status, 404)
    t.equal((await office.get(`/api/summaries/${ids.monthly}?format=pdf`)).status, 400)
  })

  t.test("June's lights are June's: history, not today's stored light", async (t) => {
    const { body } = await office.get(`/api/summaries/${ids.monthly}`)
    const inJune = body.content.overdue.find((l: { taskId: number }) => l.taskId === t10)
    t.same(inJune.reasons.map((r: { kind: string }) => r.kind), ['overdue', 'behind_schedule'], 'red on 06-30, its deadline still 06-26')
    const today = (await office.get(`/api/tasks/${t10}`)).body
    t.match(today, { status: 'closed', light: 'green', lightReasons: [] }, 'closed since, green today')
  })

  t.test('a task without a deadline of its own is red for a target due and unmet, held to its next target or the plan\'s end', async (t) => {
    const other = (await office.post('/api/plans', { title: '目标计划', startYear: 2026, endYear: 2028 })).body
    const create = async (number: string, targets: object[]) =>
      (await office.post(`/api/plans/${other.id}/tasks`, { number, title: `任务${number}`, leadUnitIds: [a], targets })).body as { id: number; targets: { id: number }[] }
    const x = await create('1', [
      { year: 2026, description: '建成5个', value: 5, measure: '个', dueOn: '2026-05-31' },
      { year: 2027, description: '建成8个', value: 8, measure: '个', dueOn: '2027-06-30' },
    ])
    const y = await create('2', [{ year: 2026, description: '建成3个', value: 3, measure: '个', dueOn: '2026-11-30' }])
    for (const task of [x, y]) t.equal((await office.post(`/api/tasks/${task.id}/dispatch`, {})).status, 200)
    const res = await office.post('/api/summaries', { kind: 'monthly', planId: other.id, period: '2027-01' })
    t.equal(res.status, 201)
    const content = (await office.get(`/api/summaries/${res.body.id}`)).body.content
    t.same(content.overview.byLight, { green: 0, yellow: 0, red: 2 })
    t.same(content.overdue.map((l: Record<string, unknown>) => [l.number, l.deadline, l.deadlineSource, l.workingDaysOverdue, l.reasons]), [
      ['1', '2027-06-30', 'target', 0, [{ kind: 'target_overdue', targetId: x.targets[0]!.id, dueOn: '2026-05-31', actual: null, value: 5 }]],
      ['2', '2028-12-31', 'plan', 0, [{ kind: 'target_overdue', targetId: y.targets[0]!.id, dueOn: '2026-11-30', actual: null, value: 3 }]],
    ])
    const md = String((await office.get(`/api/summaries/${res.body.id}?format=md`)).body).split('\n')
    t.ok(md.includes('| 1 | 1 | 任务1 | 市住建局 | 2027-06-30（年度目标） | 0 | 已交办 | — | 年度目标5月31日到期未完成(完成0/5) |'), 'the deadline and where it came from')
    t.ok(md.includes('| 2 | 2 | 任务2 | 市住建局 | 2028-12-31（计划期末） | 0 | 已交办 | — | 年度目标11月30日到期未完成(完成0/3) |'))
  })

  t.test('a running period speaks for today', async (t) => {
    const res = await generate('monthly', '2027-01')
    t.equal(res.status, 201)
    t.equal((await office.get(`/api/summaries/${res.body.id}`)).body.content.asOf, '2027-01-04')
  })
})
