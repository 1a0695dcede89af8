import t from 'tap'
import { bodyLines, pageLines, paragraphs, printedText, unifyRadicals, type PlacedText, type PrintedPage } from '../../src/domain/printed-text.js'
import { tableGrid, wordTableLines } from '../../src/domain/plan-parser/word-tables.js'

/** A page as a printer lays it out: 16 pt type, text from x=85 to ~511 (26 characters), 28 pt between lines. */
const SIZE = 16
const LEFT = 85
const INDENT = LEFT + 2 * SIZE
const TOP = 716

const RIGHT = 511

/** A line of text; `full` spreads it to the right edge, as justified lines that run on are set. */
function line(text: string, row: number, opts: { x?: number; pieces?: number; full?: boolean } = {}): PlacedText[] {
  const x = opts.x ?? LEFT
  const y = TOP - row * 28
  const advance = opts.full ? (RIGHT - x) / text.length : SIZE
  // Producers split a line into several pieces; the reader must put them back together.
  const cut = Math.max(1, Math.floor(text.length / (opts.pieces ?? 2)))
  const out: PlacedText[] = []
  for (let i = 0; i < text.length; i += cut) {
    const piece = text.slice(i, i + cut)
    out.push({ text: piece, x: x + i * advance, y, width: piece.length * advance, height: SIZE })
  }
  return out.reverse()
}

const page = (...lines: PlacedText[][]): PrintedPage => ({ items: lines.flat() })
const footer = (text: string): PlacedText[] => [{ text, x: 278, y: 126, width: 46, height: SIZE }]
const header = (text: string): PlacedText[] => [{ text, x: 226, y: 793, width: 144, height: 12 }]

t.test('a line ending mid-sentence joins the next; an indented line opens a paragraph', async (t) => {
  const text = printedText([page(
    line('二、总体目标', 0, { x: INDENT }),
    line('以全面推进城市更新为契机,建立“一项机制”、实施“六大', 1, { x: INDENT, full: true }),
    line('工程”、完成“十八项任务”,确保到2023年,高标准建立城市体检', 2, { full: true }),
    line('评估机制。', 3),
    line('三、工作任务', 4, { x: INDENT }),
  )])
  t.equal(text, '二、总体目标\n以全面推进城市更新为契机,建立“一项机制”、实施“六大工程”、完成“十八项任务”,确保到2023年,高标准建立城市体检评估机制。\n三、工作任务')
})

t.test('page numbers go, and a sentence broken across pages is joined', async (t) => {
  for (const number of ['— 3 —', '-3-', '- 3 -', '第3页', '第 3 页 共 12 页', '3']) {
    const text = printedText([
      page(line('1.高标准建立“政府主导、部门协同、全社会参与”和“一年', 0, { x: INDENT, full: true }), line('一体检,五年一评估”的长效机制,确保城市体检评估科学性和', 1, { full: true }), footer(number)),
      page(line('持续性。(责任单位:县住建局)', 0), line('2.坚持标准、指标、时点、空间定位、底数“五统一”。', 1, { x: INDENT }), footer(number.replace('3', '4'))),
    ])
    t.equal(text, '1.高标准建立“政府主导、部门协同、全社会参与”和“一年一体检,五年一评估”的长效机制,确保城市体检评估科学性和持续性。(责任单位:县住建局)\n2.坚持标准、指标、时点、空间定位、底数“五统一”。', number)
  }
})

t.test('running headers and footers repeated on most pages go; a line on one page only stays', async (t) => {
  const body = ['完善城市生命线系统。', '加强相关专业队伍建设。', '实现风险源头管理。']
  const pages = [1, 2, 3].map((n) => page(
    header('安福县人民政府办公室文件'),
    line(body[n - 1]!, 0, { x: INDENT }),
    footer(`第 ${n} 页 共 3 页`),
  ))
  pages[0]!.items.push(...line('完善城市生命线系统建设运行监管机制,加强相关专业队伍', 1, { x: INDENT, full: true }), ...line('建设。', 2), ...line('安福县城市体检评估实施方案', 3, { x: INDENT }))
  t.equal(printedText(pages), '完善城市生命线系统。\n完善城市生命线系统建设运行监管机制,加强相关专业队伍建设。\n安福县城市体检评估实施方案\n加强相关专业队伍建设。\n实现风险源头管理。')
  const kept = bodyLines([pageLines(page(header('只出现一次的标题'), line('正文。', 0)))])
  t.strictSame(kept[0]!.map((l) => l.text), ['只出现一次的标题', '正文。'], 'on a single page nothing counts as running')
})

t.test('a page number set just below the last line is not read as part of it', async (t) => {
  const lines = pageLines(page(line('一、指导思想', 0, { x: INDENT }), [{ text: '— 1 —', x: 279, y: TOP - 2, width: 44, height: SIZE }]))
  t.strictSame(lines.map((l) => l.text), ['一、指导思想', '— 1 —'])
})

t.test('a short line standing alone ends its paragraph even without punctuation (headings set flush left)', async (t) => {
  const flush = paragraphs([pageLines(page(
    line('一、指导思想', 0),
    line('以习近平新时代中国特色社会主义思想为指导,深入贯彻落实党的', 1, { full: true }),
    line('精神。', 2),
  ))])
  t.strictSame(flush, ['一、指导思想', '以习近平新时代中国特色社会主义思想为指导,深入贯彻落实党的精神。'])
})

t.test('pieces of a line: spaces drawn as text, gaps, and narrow spacing beside Chinese', async (t) => {
  const items: PlacedText[] = [
    { text: '组', x: 117, y: 400, width: 16, height: 16 },
    { text: ' ', x: 133, y: 400, width: 11, height: 16 },
    { text: '长:丁文举', x: 144, y: 400, width: 80, height: 16 },
    { text: '市委书记', x: 240, y: 400, width: 64, height: 16 },
    { text: '居民步行', x: 117, y: 372, width: 64, height: 16 },
    { text: ' ', x: 181, y: 372, width: 4, height: 16 },
    { text: '5-10', x: 185, y: 372, width: 30, height: 16 },
    { text: 'CIM', x: 117, y: 344, width: 30, height: 16 },
    { text: 'platform', x: 151, y: 344, width: 60, height: 16 },
  ]
  t.strictSame(pageLines({ items }).map((l) => l.text), ['组  长:丁文举  市委书记', '居民步行5-10', 'CIM platform'])
})

t.test('CJK radicals some PDFs map glyphs to read as the characters they stand for', async (t) => {
  t.equal(unifyRadicals('⼈⺠城市为⼈⺠,⻓效机制,部⻔协同,⾼质量,⼾'), '人民城市为人民,长效机制,部门协同,高质量,户')
  t.equal(unifyRadicals('人民'), '人民')
})

t.test('an empty document has no paragraphs', async (t) => {
  t.strictSame(paragraphs([[]]), [])
  t.equal(printedText([{ items: [{ text: ' ', x: 0, y: 0, width: 4, height: 16 }] }]), '')
})

const cell = (paragraphs: string[], rowSpan = 1, colSpan = 1) => ({ paragraphs, rowSpan, colSpan })

t.test('Word tables: cells merged down repeat in every row they span; a cell spanning columns fills the first', async (t) => {
  const grid = tableGrid([
    [cell(['序号']), cell(['类别']), cell(['重点任务']), cell(['牵头单位'])],
    [cell(['1']), cell(['城市洁净行动'], 2), cell(['整治城市街道环境']), cell(['市城乡管理局'], 3)],
    [cell(['2']), cell(['整治建筑工地环境'])],
    [cell(['3']), cell(['城市有序行动']), cell(['规范市场经营秩序'])],
    [cell(['合计'], 1, 4)],
  ])
  t.strictSame(grid.map((row) => row.map((c) => c?.join('|') ?? null)), [
    ['序号', '类别', '重点任务', '牵头单位'],
    ['1', '城市洁净行动', '整治城市街道环境', '市城乡管理局'],
    ['2', '城市洁净行动', '整治建筑工地环境', '市城乡管理局'],
    ['3', '城市有序行动', '规范市场经营秩序', '市城乡管理局'],
    ['合计', null, null, null],
  ])
})

t.test('Word tables: a cell’s paragraphs join — unit names into a list, other text runs on', async (t) => {
  const lines = wordTableLines([
    [cell(['序号']), cell(['重点任务']), cell(['具体措施']), cell(['牵头单位']), cell(['配合单位'])],
    [cell(['一、城市洁净行动'], 1, 5)],
    [cell(['']), cell([]), cell(['']), cell(['']), cell([''])],
    [cell(['1']), cell(['整治城市', '街道环境']), cell(['加大保洁力度,', '推行“以克论净”。']), cell(['市城乡管理局']), cell(['市住建局', '各街道、', '市公安局'])],
  ])
  t.strictSame(lines, [
    '序号\t重点任务\t具体措施\t牵头单位\t配合单位',
    '一、城市洁净行动',
    '1\t整治城市街道环境\t加大保洁力度,推行“以克论净”。\t市城乡管理局\t市住建局、各街道、市公安局',
  ])
})

t.test('pages printed double-sided, shifted left and right, keep their paragraphs: margins are each page’s own', async (t) => {
  const shifted = (items: PlacedText[]) => items.map((i) => ({ ...i, x: i.x + 20 }))
  const body = (n: number, [a, b, c, d, e]: string[]) => [
    line(`${n}.${a}`, 0, { x: INDENT, full: true }),
    line(b!, 1, { full: true }),
    line(c!, 2),
    line(d!, 3, { x: INDENT, full: true }),
    line(e!, 4),
  ].flat()
  const one = body(1, ['加强城市生命线系统建设运行监管,加强相关专业队伍建设,', '实现风险源头管理、过程监测、预报预警、应急处置和系统治', '理。(责任单位:县应急管理局)', '完善城市排水防涝工程体系,基本消除防治标准内降雨条件下', '的城市内涝现象。'])
  const two = body(2, ['实行工程质量安全手册制度,落实建设单位等五方主体质量安', '全责任,强化对工程建设全过程的质量监管和工程质量终身责', '任。(责任单位:县住建局)', '建设智慧城管指挥平台,加强对城市管理工作的统筹协调、指', '挥监督、综合评价。'])
  const text = printedText([page(one), { items: shifted(two) }])
  t.equal(text.split('\n').length, 4, text)
  t.match(text, /^1\.加强城市生命线系统建设运行监管,加强相关专业队伍建设,实现风险源头管理、过程监测、预报预警、应急处置和系统治理。\(责任单位:县应急管理局\)\n/)
  t.match(text, /\n2\.实行工程质量安全手册制度,落实建设单位等五方主体质量安全责任,强化对工程建设全过程的质量监管和工程质量终身责任。\(责任单位:县住建局\)\n建设智慧城管指挥平台,加强对城市管理工作的统筹协调、指挥监督、综合评价。$/)
})

t.test('a printed table’s rows (cells set apart by column gaps) stay lines of their own, cells separated by tabs', async (t) => {
  const cells = (texts: string[], row: number): PlacedText[] => texts.map((text, i) => ({ text, x: LEFT + i * 110, y: TOP - row * 28, width: text.length * 12, height: 12 }))
  const text = printedText([page(
    line('附件:重点任务分工表', 0, { x: INDENT }),
    cells(['序号', '重点任务', '牵头单位', '完成时限'], 1),
    cells(['1', '整治街道环境', '市城管局', '2022年底前'], 2),
    cells(['2', '治理河道', '市水务局', '2023年底前'], 3),
  )])
  t.equal(text, '附件:重点任务分工表\n序号\t重点任务\t牵头单位\t完成时限\n1\t整治街道环境\t市城管局\t2022年底前\n2\t治理河道\t市水务局\t2023年底前')
})

t.test('a printed task table: each piece goes to the column it stands in, a number starts a row, rows go on over a page break', async (t) => {
  const X = [78, 168, 258, 349, 439]
  const at = (texts: (string | null)[], y: number): PlacedText[] => texts.flatMap((text, i) => (text === null ? [] : [{ text, x: X[i]!, y, width: text.length * SIZE, height: SIZE }]))
  const header = ['序号', '重点任务', '牵头单位', '责任单位', '完成时限']
  const pages = [
    page(line('附件:重点任务分解表', 0, { x: INDENT }), at(header, 660),
      at(['1', null, null, null, null], 640), at([null, '整治城市', '市城乡管', '各街道', null], 636), at([null, '街道环境', '理局', null, null], 613),
      at(['2', null, null, null, null], 590), at([null, '整治建筑', '市住建局', '市城管', null], 586)),
    page(at(header, 751), at([null, '工地环境', null, '局、各街', null], 727), at([null, null, null, '道', null], 704),
      at(['3', '规范市场', '市城乡管', '市场监督', '2023年'], 680), at([null, '经营秩序', '理局', '管理局', '底前'], 657),
      line('附件2', 10, { x: INDENT })),
  ]
  t.equal(printedText(pages), [
    '附件:重点任务分解表',
    '序号\t重点任务\t牵头单位\t责任单位\t完成时限',
    '1\t整治城市街道环境\t市城乡管理局\t各街道\t',
    '2\t整治建筑工地环境\t市住建局\t市城管局、各街道\t',
    '3\t规范市场经营秩序\t市城乡管理局\t市场监督管理局\t2023年底前',
    '附件2',
  ].join('\n'))
})
