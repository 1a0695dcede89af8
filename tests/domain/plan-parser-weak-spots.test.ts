import t from 'tap'
import { parsePlanText } from '../../src/domain/plan-parser/index.js'
import { chineseCount } from '../../src/domain/plan-parser/numerals.js'

/** The parser's known weak spots (issue 13), each from a real plan's sentence. */
const plan = (body: string) => parsePlanText([
  '北票市城市更新五年行动计划(2021年—2025年)',
  '北政办发〔2021〕60号',
  '一、指导思想',
  '坚持以人民为中心的发展思想。',
  '二、重点任务',
  body,
  '三、保障措施',
  '(一)加强组织领导。',
].join('\n'))

const summary = (p: ReturnType<typeof parsePlanText>) => p.tasks.map((x) => ({
  number: x.number, section: x.section, title: x.title, lead: x.leadUnits, responsible: x.responsibleUnits, cooperating: x.cooperatingUnits,
}))

t.test('counts written in Chinese numerals are targets with a value and a measure', async (t) => {
  const p = plan('1.实施绿化改造提升工程。2022年新建公园三处,改造提升街头绿地十二块,到2025年建成口袋公园二十个。(责任单位:市林草局)')
  t.strictSame(p.tasks[0]!.targets.map((g) => [g.year, g.value, g.measure, g.description]), [
    [2022, 3, '处', '新建公园'],
    [2022, 12, '块', '改造提升街头绿地'],
    [2025, 20, '个', '建成口袋公园'],
  ])
  const once = plan('1.完善住房保障制度。2023年一次性完成棚户区改造。(责任单位:市住建局)')
  t.strictSame(once.tasks[0]!.targets.map((g) => [g.value ?? null, g.measure ?? null]), [[null, null]], '一次性 is no count')
  t.strictSame(['三', '十二', '二十', '两', '一百零五', '两百', '三千五百'].map(chineseCount), [3, 12, 20, 2, 105, 200, 3500])
  t.ok(Number.isNaN(chineseCount('三三')) && Number.isNaN(chineseCount('')) && Number.isNaN(chineseCount('零')))
})

t.test('a lead unit named inline mid-sentence, in either script', async (t) => {
  const p = plan([
    '1.推进生活垃圾分类。在城区全面推行生活垃圾分类,由市城管局牵头组织实施,2025年底前实现全覆盖。',
    '2.推进生活垃圾分類。在城區全面推行生活垃圾分類,由市城管局牽頭組織實施,各街道配合。',
  ].join('\n'))
  t.strictSame(summary(p), [
    { number: '1', section: null, title: '推进生活垃圾分类', lead: ['市城管局'], responsible: [], cooperating: [] },
    { number: '2', section: null, title: '推进生活垃圾分類', lead: ['市城管局'], responsible: [], cooperating: ['各街道'] },
  ])
  t.strictSame(p.tasks.map((x) => x.leadInferred), [false, false], 'named as lead, not inferred')
})

t.test('`1-1` style numbering: items numbered within their section', async (t) => {
  const p = plan([
    '(一)开展“城市洁净”行动',
    '1-1.整治城市街道环境。加大城区主次干道保洁力度。(责任单位:市城乡管理局、各街道)',
    '1-2、整治建筑工地环境。严格落实施工工地“六个百分之百”要求。(责任单位:市住建局)',
    '(二)开展“城市有序”行动',
    '2-1 规范市场经营秩序。取缔占道经营,引导商户入室经营。(责任单位:市城乡管理局、市场监督管理局)',
    '居民步行5-10分钟可达的社区服务设施,不是编号。',
  ].join('\n'))
  t.strictSame(summary(p).map((x) => [x.number, x.section, x.title, x.lead]), [
    ['1-1', '一', '整治城市街道环境', ['市城乡管理局']],
    ['1-2', '一', '整治建筑工地环境', ['市住建局']],
    ['2-1', '二', '规范市场经营秩序', ['市城乡管理局']],
  ])
  t.match(p.tasks[2]!.description, /5-10分钟/, 'a range at a line start continues the task')
})

/** A task table laid out with spaces in a monospaced file, Chinese characters two columns wide. */
function aligned(cells: string[], widths: number[]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\x00-\x7f]/.test(ch) ? 1 : 2), 0)
  return cells.map((c, i) => c + ' '.repeat(Math.max(2, widths[i]! - width(c)))).join('').trimEnd()
}

t.test('wrapped table cells: a cell’s text wrapped onto the next line joins the cell it stands under', async (t) => {
  const widths = [6, 26, 14, 24, 18]
  const p = plan([
    '附件',
    '重点任务分工表',
    aligned(['序号', '重点任务', '牵头单位', '责任单位', '完成时限'], widths),
    aligned(['1', '整治城市街道环境', '市城乡管理局', '各街道、市公安', '2022年12月31日前'], widths),
    `${' '.repeat(6 + 26 + 14)}局交警大队`,
    aligned(['2', '规范城区建设秩序,进一步加', '市城乡管理局', '各街道', '2023年6月30日前'], widths),
    `${' '.repeat(6)}大违建巡查力度`,
  ].join('\n'))
  t.strictSame(summary(p).map((x) => [x.number, x.title, x.lead, x.responsible]), [
    ['1', '整治城市街道环境', ['市城乡管理局'], ['各街道', '市公安局交警大队']],
    ['2', '规范城区建设秩序,进一步加大违建巡查力度', ['市城乡管理局'], ['各街道']],
  ])
  t.strictSame(p.tasks.map((x) => x.deadline), ['2022-12-31', '2023-06-30'])
})
