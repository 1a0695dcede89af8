import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import type { MonthlyContent } from '../src/domain/summaries/content.js'
import { contentBytes } from '../src/summaries/content-bytes.js'
import { DOCUMENT_TABLE_ROWS } from '../src/summaries/document.js'
import { renderSummary } from '../src/summaries/render.js'

const content: MonthlyContent = {
  kind: 'monthly', planId: 1, planTitle: '测试计划', docNumber: null, period: '2026-06', periodName: '2026年6月', from: '2026-06-01', to: '2026-06-30',
  asOf: '2026-06-30', title: '《测试计划》2026年6月调度情况', issuedBy: '城市更新工作领导小组办公室',
  overview: {
    total: 1,
    byStatus: { draft: 0, dispatched: 0, acknowledged: 0, in_progress: 1, completion_requested: 0, closed: 0, suspended: 0, cancelled: 0 },
    byLight: { green: 0, yellow: 0, red: 1 },
  },
  closed: [],
  overdue: [{
    taskId: 1, number: '3.4', title: '拆除<script>alert(1)</script> | 违建', leadUnits: ['甲局', '乙局'], deadline: '2026-06-01', deadlineSource: 'task', status: 'in_progress',
    reasons: [{ kind: 'overdue', deadline: '2026-06-01', days: 20 }, { kind: 'report_missing', period: '2026-06' }], workingDaysOverdue: 20, escalationLevel: 3,
  }, {
    taskId: 2, number: '3.5', title: '建设公园', leadUnits: ['甲局'], deadline: '2028-12-31', deadlineSource: 'plan', status: 'in_progress',
    reasons: [{ kind: 'target_overdue', targetId: 7, dueOn: '2026-05-31', actual: 3, value: 10 }], workingDaysOverdue: 0, escalationLevel: 0,
  }],
  warnings: [{
    taskId: 3, number: '3.6', title: '改造管网', leadUnits: ['乙局'], deadline: '2026-12-31', deadlineSource: 'target', status: 'acknowledged',
    reasons: [{ kind: 'behind_schedule', targetId: 8, actual: null, expected: 4.9 }],
  }],
  missedReports: [],
  targets: [],
  problems: [{ taskId: 1, taskNumber: '3.4', unitId: 1, unit: '甲局', month: '2026-06', problems: '第一行\n第二行 & "引号"' }],
  instructions: [],
}
// Generated at 20:00 UTC on 06-30: 07-01 in Shanghai.
const summary = { content, generatedAt: '2026-06-30T20:00:00.000Z' }

t.test('json is the content itself', async (t) => {
  t.same(JSON.parse(renderSummary(summary, 'json')), content)
})

t.test('markdown escapes table cells and dates the document in Shanghai', async (t) => {
  const md = renderSummary(summary, 'md').split('\n')
  t.equal(md[2], '城市更新工作领导小组办公室　2026年7月1日')
  t.equal(md[4], '现将2026年6月《测试计划》任务推进调度情况通报如下。', 'no document number, no brackets')
  t.ok(md.includes('| 1 | 3.4 | 拆除<script>alert(1)</script> \\| 违建 | 甲局、乙局 | 2026-06-01 | 20 | 推进中 | 提级督办 | 逾期 20 个工作日(完成时限6月1日)；2026年6月进展未报送 |'))
  t.ok(md.includes('| 2 | 3.5 | 建设公园 | 甲局 | 2028-12-31（计划期末） | 0 | 推进中 | — | 年度目标5月31日到期未完成(完成3/10) |'), 'red by a target, held to the plan\'s end')
  t.ok(md.includes('| 1 | 3.6 | 改造管网 | 乙局 | 2026-12-31（年度目标） | 已签收 | 年度目标落后序时进度(完成0,序时应完成4.9) |'), 'a yellow line with its reason')
  t.ok(md.includes('| 1 | 3.4 | 甲局 | 2026年6月 | 第一行<br>第二行 & "引号" |'))
  t.ok(md.includes('## 二、本月销号任务') && md[md.indexOf('## 二、本月销号任务') + 2] === '无。', 'an empty table reads 无。')
})

t.test('a document lists at most DOCUMENT_TABLE_ROWS rows per table and says how many there are', async (t) => {
  const line = content.overdue[0]!
  const many = { ...content, overdue: Array.from({ length: DOCUMENT_TABLE_ROWS + 1 }, (_, i) => ({ ...line, taskId: i + 1, number: String(i + 1), title: `任务${i + 1}` })) }
  const md = renderSummary({ content: many, generatedAt: summary.generatedAt }, 'md').split('\n')
  const rows = md.filter((l) => /^\| \d+ \| \d+ \| 任务\d+ \|/.test(l))
  t.equal(rows.length, DOCUMENT_TABLE_ROWS)
  t.ok(md.includes(`（共${DOCUMENT_TABLE_ROWS + 1}项，此处列出前${DOCUMENT_TABLE_ROWS}项，完整清单见督办系统。）`))
  t.equal(JSON.parse(renderSummary({ content: many, generatedAt: summary.generatedAt }, 'json')).overdue.length, DOCUMENT_TABLE_ROWS + 1, 'the JSON holds every line')
})

t.test('html escapes everything it writes', async (t) => {
  const html = renderSummary(summary, 'html')
  t.notMatch(html, /<script>/)
  t.ok(html.includes('<td>拆除&#60;script&#62;alert(1)&#60;/script&#62; | 违建</td>'))
  t.ok(html.includes('<td>第一行<br>第二行 &#38; &#34;引号&#34;</td>'))
})

t.test('docx: text is escaped XML, line breaks become paragraphs, portrait for narrow tables', async (t) => {
  const buffer = await renderSummary(summary, 'docx')
  t.ok(Buffer.isBuffer(buffer))
  t.equal(buffer.subarray(0, 2).toString(), 'PK', 'a zip file')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-render-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.writeFileSync(path.join(dir, 'x.docx'), buffer)
  const xml = execFileSync('unzip', ['-p', path.join(dir, 'x.docx'), 'word/document.xml'], { encoding: 'utf8' })
  t.ok(xml.includes('拆除&lt;script&gt;alert(1)&lt;/script&gt; | 违建'))
  t.ok(xml.includes('<w:t xml:space="preserve">第一行</w:t>') && xml.includes('<w:t xml:space="preserve">第二行 &amp; &quot;引号&quot;</w:t>'))
  t.match(xml, /w:orient="portrait"/)
  t.match(xml, /<w:tc>(?:(?!<\/w:tc>).)*<w:pStyle w:val="SummaryTableText"\/>/, 'cells take the table text style')
  const styles = execFileSync('unzip', ['-p', path.join(dir, 'x.docx'), 'word/styles.xml'], { encoding: 'utf8' })
  t.match(styles, /w:styleId="SummaryTableText"(?:(?!<\/w:style>).)*w:eastAsia="宋体"/, 'which is 宋体')
  const core = execFileSync('unzip', ['-p', path.join(dir, 'x.docx'), 'docProps/core.xml'], { encoding: 'utf8' })
  t.ok(core.includes('《测试计划》2026年6月调度情况'), 'the title in the document properties')
})

t.test('a summary stored before lines carried their reasons still renders', async (t) => {
  const { warnings, ...rest } = content
  const old = { ...rest, overdue: content.overdue.map(({ deadlineSource, reasons, ...line }) => line) } as unknown as MonthlyContent
  const md = renderSummary({ content: old, generatedAt: summary.generatedAt }, 'md').split('\n')
  t.ok(md.includes('| 2 | 3.5 | 建设公园 | 甲局 | 2028-12-31 | 0 | 推进中 | — | — |'))
  t.equal(md[md.indexOf('## 四、预警任务（黄灯）') + 2], '无。')
})

t.test('the stored bytes are JSON.stringify of the content, however long, in UTF-8', async (t) => {
  t.same(contentBytes(content), Buffer.from(JSON.stringify(content), 'utf8'))
  // Far more than one piece of 65,536 characters, with characters outside the BMP throughout.
  const line = content.overdue[0]!
  const many = { ...content, docNumber: '〔2026〕1号 🏗️', overdue: Array.from({ length: 3000 }, (_, i) => ({ ...line, taskId: i, title: `${'改造🏠'.repeat(i % 7)}任务${i}` })), targets: [] }
  const bytes = contentBytes(many)
  t.ok(bytes.length > 4 * 65_536)
  t.ok(bytes.equals(Buffer.from(JSON.stringify(many), 'utf8')), 'byte for byte')
  t.same(contentBytes({ ...content, overdue: [], closed: [] }), Buffer.from(JSON.stringify({ ...content, overdue: [], closed: [] })), 'empty lists')
})
