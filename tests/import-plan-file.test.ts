import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { planFileDocument, readPlanFile } from '../src/importing/plan-file.js'
import { as, createTestApp, type Actor, type TestContext } from './fixtures/harness.js'
import { rowCounts } from './fixtures/imports.js'
import { multipart } from './fixtures/multipart.js'
import { blankPdf, encryptedDoc, encryptedDocx, planFile, scannedPdf, zipBomb } from './fixtures/plan-files/load.js'
import { expectedPlan, planText, type ExpectedTask } from './fixtures/plans/load.js'

const ZERO = { plans: 0, sections: 0, tasks: 0, units: 0, targets: 0 }

async function parseFile(name: string) {
  const content = await readPlanFile(planFile(name))
  return planFileDocument(content, undefined, '2026-11-29')
}

const roles = (x: Pick<ExpectedTask, 'leadUnits' | 'responsibleUnits' | 'cooperatingUnits'>) => ({ lead: x.leadUnits, responsible: x.responsibleUnits, cooperating: x.cooperatingUnits })
const targetsOf = (x: { targets: { year: number; value?: number | null; measure?: string | null }[] }) => x.targets.map((g) => ({ year: g.year, value: g.value ?? null, measure: g.measure ?? null }))

/** shared/ lies beside the clone (CI, the main checkout) or two levels up (a worktree under wt/). */
const sharedFiles = ['../shared', '../../shared'].map((p) => fileURLToPath(new URL(`../${p}/fixtures/files/`, import.meta.url))).find((dir) => fs.existsSync(dir))

t.test('the copies in tests/fixtures/plan-files/ are the shared fixtures', { skip: sharedFiles ? false : 'no shared/ beside this checkout' }, async (t) => {
  const names = fs.readdirSync(sharedFiles!)
  t.ok(names.length >= 6)
  t.notOk(names.includes('beipiao-2021-plan-table.pdf'), 'the printed table is this branch’s own fixture')
  for (const name of names) t.ok(planFile(name).equals(fs.readFileSync(path.join(sharedFiles!, name))), name)
})

const FILES: [string, string, 'pdf' | 'docx' | 'doc', boolean][] = [
  ['beipiao-2021-plan', 'beipiao-2021-plan.docx', 'docx', false],
  ['beipiao-2021-plan', 'beipiao-2021-plan.pdf', 'pdf', false],
  ['beipiao-2021-plan', 'beipiao-2021-plan-table.docx', 'docx', true],
  ['beipiao-2021-plan', 'beipiao-2021-plan.doc', 'doc', false],
  // The task table printed to PDF: every cell wrapped within its column.
  ['beipiao-2021-plan', 'beipiao-2021-plan-table.pdf', 'pdf', true],
  ['anfu-2021-plan', 'anfu-2021-plan.docx', 'docx', false],
  ['anfu-2021-plan', 'anfu-2021-plan.pdf', 'pdf', false],
  ['anfu-2021-plan', 'anfu-2021-plan-table.docx', 'docx', true],
  ['anfu-2021-plan', 'anfu-running-headers.pdf', 'pdf', false],
  // Headings and task numbers made by Word's list numbering, not typed.
  ['anfu-2021-plan', 'anfu-auto-numbered.docx', 'docx', false],
]

for (const [plan, file, format, table] of FILES) {
  t.test(`${file} parses to the same tasks, numbers and unit roles as the text`, async (t) => {
    const expected = expectedPlan(plan)
    const read = await parseFile(file)
    t.equal(read.format, format, 'format told from the content')
    const parse = read.parse!
    t.match(parse, { title: expected.title, docNumber: expected.docNumber, startYear: expected.startYear })
    t.strictSame(parse.tasks.map((x) => x.number), expected.tasks.map((x) => x.number), 'the same task numbers in order')
    for (const [i, want] of expected.tasks.entries()) {
      const got = parse.tasks[i]!
      t.equal(got.title, want.title, `task ${want.number} title`)
      t.strictSame(roles(got), roles(want), `task ${want.number} units by role`)
      if (table) {
        // The task table gives titles only.
        t.equal(got.description, '', `task ${want.number} has no description`)
        t.strictSame(got.targets, [], `task ${want.number} has no targets`)
        continue
      }
      t.equal(got.section, want.section, `task ${want.number} section`)
      t.equal(got.description, want.description, `task ${want.number} description`)
      t.strictSame(targetsOf(got), targetsOf(want), `task ${want.number} targets`)
    }
    if (!table) t.match(parse, { endYear: expected.endYear, sections: expected.sections })
  })
}

t.test('a Word task table with merged cells: a section or lead unit merged down applies to every row it spans', async (t) => {
  const { parse } = await parseFile('merged-cells.docx')
  t.strictSame(parse!.sections, [{ number: '一', title: '城市洁净行动' }, { number: '二', title: '城市有序行动' }])
  t.strictSame(parse!.tasks.map((x) => [x.number, x.section, x.title, x.leadUnits, x.cooperatingUnits, x.deadline]), [
    ['1', '一', '整治城市街道环境', ['市城乡管理局'], ['各街道'], '2022-06-30'],
    ['2', '一', '整治建筑工地环境', ['市城乡管理局'], ['市住建局', '各街道'], '2022-12-31'],
    ['3', '一', '整治小区居住环境', ['市住建局'], ['市城管局', '各街道'], null],
    ['4', '二', '规范市场经营秩序', ['市场监督管理局'], ['市城乡管理局'], '2023-06-30'],
    ['5', '二', '规范市民公共秩序', ['市场监督管理局'], ['各街道'], null],
  ])
  t.equal(parse!.tasks[0]!.description, '加大城区主次干道保洁力度,推行“以克论净”考核。', 'a cell’s paragraphs join')
})

async function upload(ctx: TestContext, fields: Record<string, string | number | boolean>, content: Buffer | undefined, actor: Actor = ctx.actors.office, name = 'plan.bin') {
  const { payload, headers } = multipart(fields, content && { name, type: 'application/octet-stream', content })
  const res = await ctx.app.inject({ method: 'POST', url: '/api/imports/plan-file', payload, headers: { ...headers, authorization: `Bearer ${actor.token}` } })
  return { status: res.statusCode, headers: res.headers, body: res.json() }
}

t.test('POST /api/imports/plan-file imports as the text route does; every format of the plan re-imports to no change', async (t) => {
  const ctx = await createTestApp(t)
  const office = as(ctx.app, ctx.actors.office)
  const expected = expectedPlan('beipiao-2021-plan')
  const byText = await office.post('/api/imports/plan-text', { text: planText('beipiao-2021-plan'), dryRun: true })
  const byFile = await upload(ctx, { dryRun: true }, planFile('beipiao-2021-plan.pdf'))
  t.strictSame(byFile.body.suggestions, byText.body.suggestions, 'the same suggestions as the text route')
  t.ok(byFile.body.suggestions.length > 0)
  t.strictSame([byFile.body.created, byFile.body.units], [byText.body.created, byText.body.units], 'the same counts and unit matching')
  // The name says .txt; the content is a Word document, and that is what counts.
  const first = await upload(ctx, {}, planFile('beipiao-2021-plan.docx'), ctx.actors.office, 'plan.txt')
  t.equal(first.status, 201, JSON.stringify(first.body))
  t.equal(first.headers.location, `/api/plans/${first.body.planId}`)
  t.match(first.body, { dryRun: false, created: { plans: 1, sections: expected.sections.length, tasks: expected.tasks.length } })
  t.notOk(first.body.parse, 'a commit does not echo the parse')

  for (const file of ['beipiao-2021-plan.pdf', 'beipiao-2021-plan.doc', 'beipiao-2021-plan.docx']) {
    const before = rowCounts(ctx.db)
    const again = await upload(ctx, {}, planFile(file))
    t.equal(again.status, 200, file)
    t.equal(again.body.planId, first.body.planId, `${file}: the same plan`)
    t.strictSame([again.body.created, again.body.updated], [ZERO, ZERO], `${file}: nothing created or changed`)
    t.strictSame({ ...rowCounts(ctx.db), audit_entries: 0 }, { ...before, audit_entries: 0 }, `${file}: no rows written but the import's audit entry`)
  }
  const text = await office.post('/api/imports/plan-text', { text: planText('beipiao-2021-plan') })
  t.strictSame([text.status, text.body.created, text.body.updated], [200, ZERO, ZERO], 'the text route finds the same plan unchanged')
  const audit = ctx.db.$client.prepare("SELECT after FROM audit_entries WHERE action = 'plan.import' ORDER BY id LIMIT 1").get() as { after: string }
  t.match(JSON.parse(audit.after), { source: 'plan-file' })
})

t.test('text files: UTF-8 and UTF-16 (Notepad’s “Unicode”) read as the text route reads them', async (t) => {
  const ctx = await createTestApp(t)
  const text = planText('anfu-2021-plan')
  for (const [what, bytes] of [
    ['UTF-8', Buffer.from(text)],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ] as const) {
    const res = await upload(ctx, { dryRun: true }, bytes)
    t.equal(res.status, 200, what)
    t.equal(res.body.parse.tasks.length, 18, what)
  }
})

t.test('dry run: the parse and the counts a commit would give; nothing written', async (t) => {
  const ctx = await createTestApp(t)
  const before = rowCounts(ctx.db)
  const res = await upload(ctx, { dryRun: true }, planFile('anfu-2021-plan.pdf'))
  t.equal(res.status, 200)
  t.match(res.body, { dryRun: true, planId: null, created: { plans: 1, sections: 7, tasks: 18 } })
  t.equal(res.body.parse.tasks.length, 18)
  t.strictSame(rowCounts(ctx.db), before, 'nothing written')
})

t.test('the plan can be named in the request: planId, or title and period', async (t) => {
  const ctx = await createTestApp(t)
  const named = await upload(ctx, { title: '安福县城市体检评估方案', startYear: 2021, endYear: 2023 }, planFile('anfu-2021-plan-table.docx'))
  t.equal(named.status, 201)
  const plan = await as(ctx.app, ctx.actors.office).get(`/api/plans/${named.body.planId}`)
  t.match(plan.body.plan, { title: '安福县城市体检评估方案', startYear: 2021, endYear: 2023, docNumber: '安府办字〔2021〕93号' })
  const byId = await upload(ctx, { planId: named.body.planId }, planFile('anfu-2021-plan-table.docx'))
  t.strictSame([byId.status, byId.body.planId, byId.body.created, byId.body.updated], [200, named.body.planId, ZERO, ZERO])
  const both = await upload(ctx, { planId: named.body.planId, title: 'x', startYear: 2021, endYear: 2021 }, planFile('anfu-2021-plan.docx'))
  t.match([both.status, both.body.errors], [400, [{ field: 'planId' }]])
  const noYears = await upload(ctx, { title: 'x' }, planFile('anfu-2021-plan.docx'))
  t.match([noYears.status, noYears.body.errors], [400, [{ field: 'startYear' }, { field: 'endYear' }]])
  const missing = await upload(ctx, { planId: 999 }, planFile('anfu-2021-plan.docx'))
  t.match([missing.status, missing.body.errors], [422, [{ field: 'planId' }]])
})

t.test('a 台账 (.xlsx or CSV) uploaded here goes to the ledger import; it needs the plan named', async (t) => {
  const ctx = await createTestApp(t)
  const first = await upload(ctx, {}, planFile('anfu-2021-plan.docx'))
  t.equal(first.status, 201)
  for (const format of ['xlsx', 'csv']) {
    const exported = await ctx.app.inject({ method: 'GET', url: `/api/plans/${first.body.planId}/ledger?format=${format}`, headers: { authorization: `Bearer ${ctx.actors.office.token}` } })
    const res = await upload(ctx, { planId: first.body.planId }, exported.rawPayload)
    t.strictSame([res.status, res.body.created, res.body.updated], [200, ZERO, ZERO], `${format}: the plan's own 台账 changes nothing`)
    t.notOk(res.body.parse)
    const unnamed = await upload(ctx, {}, exported.rawPayload)
    t.match([unnamed.status, unnamed.body.errors], [400, [{ field: 'planId' }]], `${format} without a plan`)
  }
  const audit = ctx.db.$client.prepare("SELECT after FROM audit_entries WHERE action = 'plan.import' ORDER BY id DESC LIMIT 1").get() as { after: string }
  t.match(JSON.parse(audit.after), { source: 'ledger' })
})

t.test('roles: office and admin import; unit, leader and supervisor users are 403; no file is 400', async (t) => {
  const ctx = await createTestApp(t)
  for (const actor of [ctx.actors.unitA, ctx.actors.leader, ctx.actors.supervisor]) {
    t.equal((await upload(ctx, {}, planFile('anfu-2021-plan.docx'), actor)).status, 403)
  }
  t.equal(rowCounts(ctx.db).plans, 0)
  t.equal((await upload(ctx, { dryRun: true }, planFile('anfu-2021-plan.docx'), ctx.actors.admin)).status, 200)
  const none = await upload(ctx, { dryRun: true }, undefined)
  t.equal(none.status, 400)
  const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/imports/plan-file', ...multipart({}, { name: 'a.docx', type: 'application/octet-stream', content: planFile('anfu-2021-plan.docx') }) })
  t.equal(anonymous.statusCode, 401)
})

t.test('bad files: a clear 422 or 413 naming the file, nothing written', async (t) => {
  const ctx = await createTestApp(t)
  const docx = planFile('anfu-2021-plan.docx')
  const cases: [string, Buffer, number, RegExp][] = [
    ['an empty file', Buffer.alloc(0), 422, /empty/],
    ['a truncated .docx', docx.subarray(0, Math.floor(docx.length / 2)), 422, /not a readable Word document|damaged zip/],
    ['a corrupt PDF', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]), 422, /PDF/],
    ['an encrypted .docx', encryptedDocx(), 422, /encrypted/],
    ['an encrypted .doc', encryptedDoc(), 422, /encrypted/],
    ['an encrypted PDF', planFile('encrypted.pdf'), 422, /encrypted with a password/],
    ['a scanned PDF', await scannedPdf(), 422, /no text layer/],
    ['a PDF of 1,001 pages', await blankPdf(1_001), 413, /1001 pages/],
    ['a .docx that expands past 50 MB', zipBomb(), 413, /zip bomb/],
    ['a zip that is no Office file', Buffer.from((await import('fflate')).zipSync({ 'a.txt': new Uint8Array([65]) })), 422, /neither/],
    ['an image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.alloc(100)]), 422, /not a format/],
    ['text that is no plan', Buffer.from('会议纪要\n大家讨论了绿化工作。\n'), 422, /not a plan/],
    ['an RTF file named .doc', Buffer.from('{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}北票市}'), 422, /RTF document/],
    ['a web page saved as .doc', Buffer.from('<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><p>北票市</p></body></html>'), 422, /web page saved as a Word file/],
  ]
  const before = rowCounts(ctx.db)
  for (const [what, content, status, detail] of cases) {
    const res = await upload(ctx, {}, content)
    t.equal(res.status, status, what)
    t.match(res.body, { status, detail, errors: [{ in: 'body', field: 'file' }] }, what)
  }
  const huge = await upload(ctx, {}, Buffer.alloc(21 * 1024 * 1024, 0x20))
  t.equal(huge.status, 413, 'more than 20 MB')
  t.strictSame(rowCounts(ctx.db), before, 'nothing written')
})

t.test('reading a PDF stops at its page cap and its time budget', async (t) => {
  const { pdfText } = await import('../src/importing/pdf-text.js')
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (err: { status: number; detail: string }) => ({ status: err.status, detail: err.detail }))
  t.match(await failure(pdfText(planFile('anfu-2021-plan.pdf'), { maxPages: 10, budgetMs: 30_000 })), { status: 413, detail: /14 pages; a plan is read from at most 10/ })
  t.match(await failure(pdfText(planFile('anfu-2021-plan.pdf'), { maxPages: 1_000, budgetMs: 0 })), { status: 422, detail: /took longer than 0 s/ })
})
