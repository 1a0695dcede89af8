import fs from 'node:fs'
import readXlsxFile from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import t from 'tap'
import { parseCsv, writeCsv } from '../src/importing/csv.js'
import { LEDGER_COLUMNS } from '../src/importing/ledger-format.js'
import { as, createTestApp, type Actor, type TestContext } from './fixtures/harness.js'
import { rowCounts, smallPlan } from './fixtures/imports.js'
import { planText } from './fixtures/plans/load.js'
import { multipart } from './fixtures/multipart.js'

const ZERO = { plans: 0, sections: 0, tasks: 0, units: 0, targets: 0 }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function importText(ctx: TestContext, text: string): Promise<number> {
  const res = await as(ctx.app, ctx.actors.office).post('/api/imports/plan-text', { text })
  if (res.status !== 201) throw new Error(`import failed: ${JSON.stringify(res.body)}`)
  return res.body.planId
}

async function exportLedger(ctx: TestContext, planId: number, format: 'csv' | 'xlsx', actor: Actor = ctx.actors.office) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/plans/${planId}/ledger?format=${format}`, headers: { authorization: `Bearer ${actor.token}` } })
  return { status: res.statusCode, headers: res.headers, file: res.rawPayload }
}

async function uploadLedger(ctx: TestContext, fields: Record<string, string | number | boolean>, file?: { name: string; content: Buffer | string }, actor: Actor = ctx.actors.office) {
  const type = file?.name.endsWith('.xlsx') ? XLSX : 'text/csv'
  const { payload, headers } = multipart(fields, file && { ...file, type })
  const res = await ctx.app.inject({ method: 'POST', url: '/api/imports/ledger', payload, headers: { ...headers, authorization: `Bearer ${actor.token}` } })
  return { status: res.statusCode, headers: res.headers, body: res.json() }
}

const csvRecords = (file: Buffer) => parseCsv(file.toString('utf8').replace(/^\ufeff/, ''))
const xlsxCells = async (file: Buffer) => (await readXlsxFile(file, { trim: false })).map((s) => ({ sheet: s.sheet, data: s.data }))

/** A plan with sections, targets, a deadline and a bracketed unit name. */
const PLAN = smallPlan([
  '(一)开展洁净行动',
  '1.整治街道环境。加大保洁力度,做到“路见本色”。(牵头单位:区城管局;责任单位:区住建局、各街道;配合单位:区财政局)',
  '2.治理河道。开展清淤,2026年完成清淤10公里,2027年完成20公里。\n责任单位:区水利局,区自然资源局(区林业局)',
  '(二)开展畅通行动',
  '3.建设停车场。由区发改委牵头,区交通局配合。完成时限:2026年12月31日前',
].join('\n'))

t.test('the CSV 台账: BOM, Chinese headers, section rows and every column', async (t) => {
  const ctx = await createTestApp(t, { now: '2027-01-05' })
  const planId = await importText(ctx, PLAN)
  const res = await exportLedger(ctx, planId, 'csv')
  t.equal(res.status, 200)
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8')
  t.match(res.headers['content-disposition'], /^attachment; filename="plan-\d+-ledger\.csv"; filename\*=UTF-8''/)
  t.strictSame([...res.file.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark, so Excel reads it as UTF-8')
  const [header, ...rows] = csvRecords(res.file)
  t.strictSame(header, [...LEDGER_COLUMNS])
  t.strictSame(rows.map((r) => r[0]), ['一', '1', '2', '二', '3'], 'sections as heading rows, tasks in number order')
  t.strictSame(rows[0], ['一', '开展洁净行动', '', '', '', '', '', '', '', ''])
  t.strictSame(rows[1], ['1', '整治街道环境\n加大保洁力度,做到“路见本色”。', '区城管局', '区住建局、各街道', '区财政局', '', '', '草稿', '', '绿'])
  t.strictSame(rows[2]!.slice(2, 7), ['区水利局', '区自然资源局(区林业局)', '', '', '2026年:完成清淤【目标:10公里】\n2027年:完成【目标:20公里】'])
  t.strictSame(rows[4]!.slice(5, 10), ['2026-12-31', '', '草稿', '', '红'], 'past its deadline on 5 January 2027: red')
})

t.test('the xlsx 台账 holds the same cells in a sheet named 台账', async (t) => {
  const ctx = await createTestApp(t)
  const planId = await importText(ctx, PLAN)
  const xlsx = await exportLedger(ctx, planId, 'xlsx')
  t.equal(xlsx.status, 200)
  t.equal(xlsx.headers['content-type'], XLSX)
  const csv = await exportLedger(ctx, planId, 'csv')
  const sheets = await xlsxCells(xlsx.file)
  t.equal(sheets.length, 1)
  t.equal(sheets[0]!.sheet, '台账')
  t.strictSame(sheets[0]!.data.map((r) => r.map((c) => c ?? '')), csvRecords(csv.file))
})

t.test('export → import → export is lossless, into a new plan and into the same one', async (t) => {
  const ctx = await createTestApp(t)
  const planId = await importText(ctx, planText('beipiao-2021-plan'))
  const office = as(ctx.app, ctx.actors.office)
  // Give the ledger everything it can carry: a deadline, a target with value, measure and due date, a comma, a formula-like title.
  const tasks = (await office.get(`/api/tasks?planId=${planId}&limit=200`)).body.items
  t.equal((await office.patch(`/api/tasks/${tasks[0].id}`, { deadline: '2025-09-30', title: '=整治城市街道环境,"门前五包"', targets: [{ year: 2024, description: '清扫道路', value: 12.5, measure: '万平方米', dueOn: '2024-06-30' }, { year: 2025, description: '全覆盖' }] })).status, 200)

  for (const format of ['csv', 'xlsx'] as const) {
    const first = await exportLedger(ctx, planId, format)
    const res = await uploadLedger(ctx, { title: `${format} 台账导入`, startYear: 2021, endYear: 2025 }, { name: `ledger.${format}`, content: first.file })
    t.equal(res.status, 201, `${format}: a new plan`)
    t.match(res.body.created, { plans: 1, sections: 7, tasks: 25, units: 0, targets: 7 }, `${format}: every unit matched by name`)
    t.strictSame(res.body.suggestions, [])
    const second = await exportLedger(ctx, res.body.planId, format)
    if (format === 'csv') t.ok(second.file.equals(first.file), 'csv: byte for byte the same file')
    else t.strictSame(await xlsxCells(second.file), await xlsxCells(first.file), 'xlsx: the same sheet, cell for cell')

    const same = await uploadLedger(ctx, { planId }, { name: `ledger.${format}`, content: first.file })
    t.equal(same.status, 200, `${format}: into the plan it came from`)
    t.strictSame([same.body.created, same.body.updated], [ZERO, ZERO], `${format}: nothing to change`)
  }
  const task = (await office.get(`/api/tasks/${tasks[0].id}`)).body
  t.equal(task.title, '=整治城市街道环境,"门前五包"', 'a formula-like title survives the CSV guard')
})

t.test('edits made in the 台账 are imported; status and light are not', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const planId = await importText(ctx, PLAN)
  const before = new Map((await office.get(`/api/tasks?planId=${planId}`)).body.items.map((x: any) => [x.number, x]))
  const [header, ...rows] = csvRecords((await exportLedger(ctx, planId, 'csv')).file)
  const row = (n: string) => rows.find((r) => r[0] === n)!
  row('1')[4] = '区财政局、区审计局'
  row('1')[7] = '已销号'
  row('2')[5] = '2027-06-30'
  row('3')[6] = '2026年:新建停车位500个【目标:500个】【截止:2026-10-31】'
  rows.push(['4', '整治背街小巷\n确保干净整洁。', '', '区住建局、各街道', '', '2026-12-31', '', '', '', ''])
  const res = await uploadLedger(ctx, { planId }, { name: 'edited.csv', content: '\ufeff' + writeCsv([header!, ...rows]) })
  t.equal(res.status, 200)
  t.match(res.body, { created: { tasks: 1, units: 1, targets: 1 }, updated: { tasks: 3 } })
  t.strictSame(res.body.units.filter((u: any) => u.via === 'created').map((u: any) => u.name), ['区审计局'])

  const after = async (n: string) => (await office.get(`/api/tasks/${(await office.get(`/api/tasks?planId=${planId}&q=${encodeURIComponent(n)}`)).body.items[0].id}`)).body
  const first = await after('整治街道环境')
  t.strictSame(first.units.cooperating.map((u: any) => u.name), ['区财政局', '区审计局'])
  t.equal(first.status, 'draft', '状态 is informational: status changes go through the workflow')
  t.equal(first.version, (before.get('1') as any).version + 1)
  t.equal((await after('治理河道')).deadline, '2027-06-30')
  t.match((await after('建设停车场')).targets, [{ year: 2026, description: '新建停车位500个', value: 500, measure: '个', dueOn: '2026-10-31' }])
  const added = await after('整治背街小巷')
  t.match(added, { number: '4', description: '确保干净整洁。', deadline: '2026-12-31', leadInferred: true })
  t.strictSame([added.units.lead.map((u: any) => u.name), added.units.responsible.map((u: any) => u.name)], [['区住建局'], ['各街道']], 'no 牵头单位: the first 责任单位 leads')
  const sections = (await office.get(`/api/plans/${planId}`)).body.sections
  t.equal(added.sectionId, sections.find((s: any) => s.number === '二').id, 'a task under a heading row joins that section')
})

t.test('最新进展 shows the latest report', async (t) => {
  const ctx = await createTestApp(t)
  const planId = await importText(ctx, PLAN)
  const task = ctx.db.$client.prepare("SELECT id FROM tasks WHERE plan_id = ? AND number = '1'").get(planId) as { id: number }
  const unit = ctx.db.$client.prepare('SELECT unit_id AS id FROM task_units WHERE task_id = ? AND role = \'lead\'').get(task.id) as { id: number }
  const addReport = (period: string, revisions: string[]) => {
    const report = ctx.db.$client.prepare('INSERT INTO reports (task_id, unit_id, period, revision, status, first_submitted_at, updated_at) VALUES (?, ?, ?, ?, \'submitted\', ?, ?)')
      .run(task.id, unit.id, period, revisions.length, `${period}-20T00:00:00Z`, `${period}-25T00:00:00Z`)
    revisions.forEach((progress, i) => ctx.db.$client.prepare('INSERT INTO report_revisions (report_id, revision, progress, percent, submitted_by, submitted_at) VALUES (?, ?, ?, 10, ?, ?)')
      .run(report.lastInsertRowid, i + 1, progress, ctx.actors.admin.id, `${period}-2${i}T00:00:00Z`))
  }
  addReport('2026-10', ['十月完成清扫'])
  addReport('2026-11', ['十一月初稿', '十一月完成道路保洁50条'])
  const [, ...rows] = csvRecords((await exportLedger(ctx, planId, 'csv')).file)
  t.equal(rows.find((r) => r[0] === '1')![8], '十一月完成道路保洁50条', 'the current revision of the latest period')
  t.equal(rows.find((r) => r[0] === '2')![8], '', 'no report yet')
})

t.test('malformed files are 422 naming the row and column, and nothing is written', async (t) => {
  const ctx = await createTestApp(t)
  const planId = await importText(ctx, PLAN)
  const [header, ...rows] = csvRecords((await exportLedger(ctx, planId, 'csv')).file)
  const csv = (records: string[][]) => ({ name: 'bad.csv', content: writeCsv(records) })
  const withCell = (n: number, column: number, value: string) => rows.map((r, i) => (i === n ? r.map((c, j) => (j === column ? value : c)) : r))
  const before = rowCounts(ctx.db)
  const cases: [string, { name: string; content: Buffer | string }, string][] = [
    ['a wrong header', csv([header!.map((c) => (c === '牵头单位' ? '主办单位' : c)), ...rows]), 'row 1, column 牵头单位'],
    ['a bad date in row 3', csv([header!, ...withCell(1, 5, '2026/13/45')]), 'row 3, column 完成时限'],
    ['an impossible date', csv([header!, ...withCell(1, 5, '2026-02-30')]), 'row 3, column 完成时限'],
    ['a target without a year', csv([header!, ...withCell(2, 6, '完成清淤10公里')]), 'row 4, column 年度目标'],
    ['an unknown status', csv([header!, ...withCell(1, 7, '进行中')]), 'row 3, column 状态'],
    ['an unknown light', csv([header!, ...withCell(1, 9, '蓝')]), 'row 3, column 亮灯'],
    ['a task without its title', csv([header!, ...withCell(1, 1, '')]), 'row 3, column 任务'],
    ['a number given twice', csv([header!, ...withCell(2, 0, '1')]), 'row 4, column 序号'],
    ['a quote left open', { name: 'bad.csv', content: `${header!.join(',')}\r\n1,"整治街道环境,区城管局\r\n` }, 'row 2, column 任务'],
    ['no header at all', csv(rows), 'row 1, column 序号'],
  ]
  for (const [what, file, field] of cases) {
    const res = await uploadLedger(ctx, { planId }, file)
    t.equal(res.status, 422, what)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.equal(res.body.errors?.[0]?.field, field, what)
    t.type(res.body.errors?.[0]?.detail, 'string')
  }
  const xlsx = await writeXlsxFile([[...LEDGER_COLUMNS], ['1', '任务甲', '区城管局', '', '', '2026-12-31', '', '', '', ''], ['2', '任务乙', '区城管局', '', '', 'next year', '', '', '', '']], { sheet: '台账' }).toBuffer()
  const badXlsx = await uploadLedger(ctx, { planId }, { name: 'bad.xlsx', content: xlsx })
  t.equal(badXlsx.body.errors?.[0]?.field, 'row 3, column 完成时限', 'xlsx rows are named the same way')
  for (const [what, content] of [
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ['a broken .xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)])],
    ['an empty file', Buffer.alloc(0)],
    ['a binary file', Buffer.from([0, 1, 2, 3, 0, 0, 255])],
  ] as const) {
    const res = await uploadLedger(ctx, { planId }, { name: 'x.xlsx', content })
    t.equal(res.status, 422, what)
    t.equal(res.body.errors?.[0]?.field, 'file', what)
  }
  t.strictSame(rowCounts(ctx.db), before)
})

t.test('how the plan is named, and who may import', async (t) => {
  const ctx = await createTestApp(t)
  const file = { name: 'x.csv', content: fs.readFileSync(new URL('./fixtures/ledger-gb18030.csv', import.meta.url)) }
  t.equal((await uploadLedger(ctx, {}, file)).status, 400, 'no plan named')
  t.match((await uploadLedger(ctx, { title: '计划' }, file)).body.errors, [{ field: 'startYear' }, { field: 'endYear' }])
  t.equal((await uploadLedger(ctx, { planId: 1, title: '计划' }, file)).status, 400, 'both ways at once')
  t.match(await uploadLedger(ctx, { planId: 999 }, file), { status: 422, body: { errors: [{ field: 'planId' }] } })
  t.equal((await uploadLedger(ctx, { title: '计划', startYear: 2026, endYear: 2026 })).status, 400, 'no file')
  t.equal((await uploadLedger(ctx, { title: '计划', startYear: 2026, endYear: 2026 }, file, ctx.actors.unitA)).status, 403)
  const dry = await uploadLedger(ctx, { title: '计划', startYear: 2026, endYear: 2026, dryRun: true }, file)
  t.match(dry, { status: 200, body: { dryRun: true, planId: null, created: { plans: 1, tasks: 2 } } })

  const res = await uploadLedger(ctx, { title: '计划', docNumber: '测〔2026〕9号', startYear: 2026, endYear: 2026 }, file)
  t.equal(res.status, 201, 'a CSV saved by Excel in GB18030 reads as well')
  const tasks = (await as(ctx.app, ctx.actors.office).get(`/api/tasks?planId=${res.body.planId}`)).body.items
  t.match(tasks, [{ number: '1', title: '整治街道环境', deadline: '2026-12-31' }, { number: '2', title: '治理河道', leadInferred: true }])
  const again = await uploadLedger(ctx, { title: '改了名的计划', docNumber: '测〔2026〕9号', startYear: 2026, endYear: 2026 }, file)
  t.match(again, { status: 200, body: { planId: res.body.planId, updated: { plans: 1 } } }, 'found again by 文号')
})

t.test('a file over 5 MB is 413', async (t) => {
  const ctx = await createTestApp(t)
  const res = await uploadLedger(ctx, { title: '计划', startYear: 2026, endYear: 2026 }, { name: 'big.csv', content: Buffer.alloc(5 * 1024 * 1024 + 10, 'a') })
  t.equal(res.status, 413)
  t.match(res.headers['content-type'], /application\/problem\+json/)
})

t.test('exporting: unit users get their own tasks only; unknown plans and formats are refused', async (t) => {
  const ctx = await createTestApp(t)
  const planId = await importText(ctx, planText('beipiao-2021-plan'))
  const mine = (ctx.db.$client.prepare('SELECT DISTINCT t.number FROM tasks t JOIN task_units tu ON tu.task_id = t.id WHERE tu.unit_id = ?').all(ctx.unitA) as { number: string }[]).map((r) => r.number)
  t.ok(mine.length > 0 && mine.length < 25)
  const [, ...rows] = csvRecords((await exportLedger(ctx, planId, 'csv', ctx.actors.unitA)).file)
  const taskRows = rows.filter((r) => /^\d/.test(r[0]!))
  t.strictSame(taskRows.map((r) => r[0]).sort(), [...mine].sort())
  const headingsWithoutTasks = rows.filter((r, i) => !/^\d/.test(r[0]!) && !/^\d/.test(rows[i + 1]?.[0] ?? ''))
  t.strictSame(headingsWithoutTasks, [], 'only the sections holding their tasks')
  t.equal((await exportLedger(ctx, 999, 'csv')).status, 404)
  t.equal((await ctx.app.inject({ method: 'GET', url: `/api/plans/${planId}/ledger?format=pdf`, headers: { authorization: `Bearer ${ctx.actors.office.token}` } })).statusCode, 400)
  const xlsx = await ctx.app.inject({ method: 'GET', url: `/api/plans/${planId}/ledger`, headers: { authorization: `Bearer ${ctx.actors.leader.token}` } })
  t.equal(xlsx.headers['content-type'], XLSX, 'xlsx by default')
})
