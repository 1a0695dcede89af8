import assert from 'node:assert/strict'
import fc from 'fast-check'
import t from 'tap'
import { CsvSyntaxError, parseCsv, writeCsv } from '../src/importing/csv.js'
import type { ImportTarget } from '../src/importing/import-document.js'
import { Problem } from '../src/http/problem.js'
import { compareTaskNumbers, ledgerDocument } from '../src/importing/ledger.js'
import { LEDGER_COLUMNS, readTargetLine, readTaskCell, readUnitsCell, targetLine, taskCell } from '../src/importing/ledger-format.js'

t.test('CSV: quotes only what needs quoting, CRLF between records', async (t) => {
  t.equal(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', '']]), 'a,"b,c","say ""hi""","two\nlines",\r\n')
  t.strictSame(parseCsv('a,"b,c","say ""hi""","two\r\nlines",\r\nx,y'), [['a', 'b,c', 'say "hi"', 'two\r\nlines', ''], ['x', 'y']])
  t.strictSame(parseCsv('a\nb\rc\r\n'), [['a'], ['b'], ['c']], 'LF, CR and CRLF all end a record')
  t.strictSame(parseCsv('""\r\n,\r\n'), [[''], ['', '']])
  t.strictSame(parseCsv(''), [])
})

t.test('CSV: write then parse gives back every record (property)', async (t) => {
  const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', '、', '\'') })
  t.doesNotThrow(() => fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (records) => {
    assert.deepStrictEqual(parseCsv(writeCsv(records)), records)
  }), { numRuns: 500 }))
})

t.test('CSV: malformed quoting names the record and field', async (t) => {
  const at = (text: string) => {
    try {
      parseCsv(text)
      return null
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err
      return [err.row, err.column]
    }
  }
  t.strictSame(at('a,b\r\nc,d"e\r\n'), [2, 2], 'a quote inside an unquoted field')
  t.strictSame(at('a,"b"x\r\n'), [1, 2], 'text after a closing quote')
  t.strictSame(at('a\r\nb,"never closed'), [2, 2])
})

t.test('年度目标 lines: written and read back exactly (property)', async (t) => {
  const text = fc.string({ unit: fc.constantFrom('改', '造', '个', '【', '】', ':', '(', ')', '4', '0', ' ', '.'), minLength: 1 })
    .filter((s) => s.trim() === s && s !== '')
  const target = fc.record({
    year: fc.integer({ min: 2000, max: 2100 }),
    description: text,
    value: fc.option(fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: null }),
    measure: fc.option(fc.constantFrom('个', '万平方米', '公里', '5G基站', '%', 'km'), { nil: null }),
    dueOn: fc.option(fc.constantFrom('2026-06-30', '2026-01-31'), { nil: null }),
  }).map((g): ImportTarget => ({ ...g, dueOn: g.dueOn === null ? null : `${g.year}${g.dueOn.slice(4)}` }))
  t.doesNotThrow(() => fc.assert(fc.property(target, (g) => {
    assert.deepStrictEqual(readTargetLine(targetLine(g)), g, targetLine(g))
  }), { numRuns: 500 }))
})

t.test('年度目标 lines: the written forms', async (t) => {
  const g = (over: Partial<ImportTarget>): ImportTarget => ({ year: 2026, description: '改造老旧小区40个', value: null, measure: null, dueOn: null, ...over })
  t.equal(targetLine(g({})), '2026年:改造老旧小区40个')
  t.equal(targetLine(g({ value: 40, measure: '个' })), '2026年:改造老旧小区40个【目标:40个】')
  t.equal(targetLine(g({ value: 12.5, measure: '万平方米', dueOn: '2026-06-30' })), '2026年:改造老旧小区40个【目标:12.5万平方米】【截止:2026-06-30】')
  t.equal(targetLine(g({ value: 100, measure: '5G基站' })), '2026年:改造老旧小区40个【目标:100 5G基站】', 'a space keeps a measure starting with a digit apart')
  t.equal(targetLine(g({ dueOn: '2026-12-31' })), '2026年:改造老旧小区40个', '31 December is the default')
  t.strictSame(readTargetLine('2027年：建成口袋公园3个【目标：3个】'), g({ year: 2027, description: '建成口袋公园3个', value: 3, measure: '个' }), 'full-width colons read too')
  t.match(readTargetLine('改造老旧小区40个'), /不是/, 'no year')
  t.match(readTargetLine('2026年:'), /没有内容/)
  t.match(readTargetLine('2026年:改造【截止:2026-02-30】'), /不是 YYYY-MM-DD/)
  t.match(readTargetLine('1066年:征服'), /2000/)
})

t.test('任务 cells: title on the first line, description after it', async (t) => {
  t.strictSame(readTaskCell(taskCell('整治街道环境', '加大保洁力度。\n第二段。')), { title: '整治街道环境', description: '加大保洁力度。\n第二段。' })
  t.strictSame(readTaskCell(taskCell('整治街道环境', '')), { title: '整治街道环境', description: '' })
})

t.test('unit cells split at 、 , ; and line ends, never inside brackets', async (t) => {
  t.strictSame(readUnitsCell('市住建局、市城管局'), ['市住建局', '市城管局'])
  t.strictSame(readUnitsCell('市财政局,各县(市、区)政府;市自然资源局（市林业局、市规划局）\n市水务局'),
    ['市财政局', '各县(市、区)政府', '市自然资源局（市林业局、市规划局）', '市水务局'])
  t.strictSame(readUnitsCell(' 市住建局 ,, '), ['市住建局'])
  t.strictSame(readUnitsCell(''), [])
})

t.test('task numbers sort as the document numbers them', async (t) => {
  t.strictSame(['10', '2', '3.10', '3.4', '1', '3', '二', '2a'].sort(compareTaskNumbers), ['1', '2', '3', '3.4', '3.10', '10', '2a', '二'])
})

t.test('年度目标 lines: a measure without a value', async (t) => {
  const g: ImportTarget = { year: 2026, description: '建设基站', value: null, measure: '5G基站', dueOn: null }
  t.equal(targetLine(g), '2026年:建设基站【计量:5G基站】')
  t.strictSame(readTargetLine(targetLine(g)), g)
})

const grid = (...rows: string[][]) => ({ rows: rows.map((cells, i) => ({ number: i + 1, cells })) })
const PLAN = { id: 1 }

t.test('a 台账 written by hand: a title row, headings, missing columns filled in', async (t) => {
  const doc = ledgerDocument(grid(
    ['北票市城市更新行动台账'],
    [...LEDGER_COLUMNS],
    ['', '未分组的任务'],
    ['（一）', '城市洁净'],
    ['1', '整治街道环境\n加大保洁力度。', '', '市城管局、各街道', '', '2026-12-31'],
    ['2', '整治工地', '', '', '市住建局'],
    [],
    ['二', '城市畅通'],
    ['3', '建设停车场', '市交通局', '', '', '', '2026年:新建停车位500个【目标:500个】'],
  ), PLAN)
  t.strictSame(doc.sections, [{ number: '', title: '未分组的任务' }, { number: '（一）', title: '城市洁净' }, { number: '二', title: '城市畅通' }])
  t.strictSame(doc.tasks.map((x) => [x.number, x.section, x.leadUnits, x.responsibleUnits, x.cooperatingUnits, x.leadInferred ?? false]), [
    ['1', '（一）', ['市城管局'], ['各街道'], [], true],
    ['2', '（一）', [], [], ['市住建局'], false],
    ['3', '二', ['市交通局'], [], [], false],
  ])
  t.strictSame(doc.tasks[0]!.targets, [])
  t.match(doc.tasks[2]!.targets, [{ year: 2026, value: 500, measure: '个' }])
  t.strictSame(doc.warnings, ['第 6 行:任务 2 没有牵头单位'])
})

t.test('a 台账 without headings leaves sections alone', async (t) => {
  const doc = ledgerDocument(grid([...LEDGER_COLUMNS], ['1', '整治街道环境', '市城管局']), PLAN)
  t.equal(doc.sections, undefined)
  t.equal(doc.tasks[0]!.section, undefined)
})

t.test('every malformed cell is reported, by spreadsheet row and column', async (t) => {
  const err = (() => {
    try {
      ledgerDocument(grid([...LEDGER_COLUMNS], ['1', '甲', '市城管局', '', '', '明年'], ['', '乙', '市城管局'], ['1', '丙', '市城管局', '', '', '', '', '', '', '紫']), PLAN)
    } catch (e) {
      return e
    }
  })()
  t.ok(err instanceof Problem)
  const problem = err as Problem
  t.equal(problem.status, 422)
  t.strictSame((problem.extensions.errors as { field: string }[]).map((e) => e.field),
    ['row 2, column 完成时限', 'row 3, column 序号', 'row 4, column 序号', 'row 4, column 亮灯'])
})
