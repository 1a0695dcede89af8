import { TASK_STATUSES } from '../domain/task-status.js'
import { LIGHTS } from '../domain/lights.js'
import { lightReasonText } from '../domain/lights-text.js'
import type { AnnualContent, AssessmentSections, InstructionLine, LitTaskLine, MonthlyContent, StatusOverview, SummaryContent } from '../domain/summaries/content.js'
import { SCORE_WEIGHTS } from '../domain/summaries/scoring.js'
import { chineseDate, chineseMonth, DEADLINE_SOURCE_LABELS, ESCALATION_LEVEL_LABELS, ESCALATION_STATUS_LABELS, figure, LIGHT_LABELS, percentText, STATUS_LABELS } from './labels.js'

/**
 * A summary laid out as the document an office circulates: title, issuing office and date, then numbered
 * sections of paragraphs and tables. Markdown, HTML and Word are written from this one layout.
 */
export interface SummaryDocument {
  title: string
  issuedBy: string
  /** 2026年7月1日: the day it was generated. */
  dateLine: string
  intro: string
  sections: DocumentSection[]
}

export interface DocumentSection {
  heading: string
  blocks: DocumentBlock[]
}

export type DocumentBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: DocumentTable }

export interface DocumentTable {
  columns: string[]
  rows: string[][]
  /** Columns holding figures, right-aligned. */
  numeric?: number[]
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const paragraph = (text: string): DocumentBlock => ({ kind: 'paragraph', text })
const NONE = paragraph('无。')

/**
 * Rows a document's table lists at most. A real plan's lists fit (tasks number in the hundreds); a synthetic
 * plan of 100,000 tasks would make a Word file of gigabytes in memory and of no use to a reader. The JSON
 * content always holds every line.
 */
export const DOCUMENT_TABLE_ROWS = 500

/** A table, 无。 when it has no rows, or its first DOCUMENT_TABLE_ROWS rows and a note saying how many there are. */
function table(columns: string[], rows: string[][], numeric: number[] = []): DocumentBlock[] {
  if (rows.length === 0) return [NONE]
  if (rows.length <= DOCUMENT_TABLE_ROWS) return [{ kind: 'table', table: { columns, rows, numeric } }]
  return [
    { kind: 'table', table: { columns, rows: rows.slice(0, DOCUMENT_TABLE_ROWS), numeric } },
    paragraph(`（共${rows.length}项，此处列出前${DOCUMENT_TABLE_ROWS}项，完整清单见督办系统。）`),
  ]
}

const seq = (i: number) => String(i + 1)
const joined = (names: string[]) => names.join('、')

function overviewBlocks(o: StatusOverview, asOf: string): DocumentBlock[] {
  const statuses = TASK_STATUSES.filter((s) => o.byStatus[s] > 0).map((s) => `${STATUS_LABELS[s]}${o.byStatus[s]}项`)
  const lights = LIGHTS.map((l) => `${LIGHT_LABELS[l]}${o.byLight[l]}项`)
  return [
    paragraph(`截至${chineseDate(asOf)}，共有任务${o.total}项${statuses.length ? `，其中${statuses.join('、')}` : ''}；亮灯情况：${lights.join('、')}。`),
    ...table([...TASK_STATUSES.map((s) => STATUS_LABELS[s]), '合计'], [[...TASK_STATUSES.map((s) => String(o.byStatus[s])), String(o.total)]], TASK_STATUSES.map((_, i) => i).concat(TASK_STATUSES.length)),
    ...table(LIGHTS.map((l) => LIGHT_LABELS[l]), [LIGHTS.map((l) => String(o.byLight[l]))], LIGHTS.map((_, i) => i)),
  ]
}

// Summaries stored before lines carried their light's reasons have neither reasons nor a deadline source.
/** The deadline a lit task was held to, and where it came from when not its own. */
function deadlineText(t: Partial<Pick<LitTaskLine, 'deadlineSource'>> & Pick<LitTaskLine, 'deadline'>): string {
  const source = DEADLINE_SOURCE_LABELS[t.deadlineSource ?? 'task']
  return source ? `${t.deadline}（${source}）` : t.deadline
}
/** Why a task is lit, in the words of the mails and the console. */
const reasonsText = (t: Partial<Pick<LitTaskLine, 'reasons'>>) => (t.reasons?.length ? t.reasons.map(lightReasonText).join('；') : '—')

function monthlyLayout(c: MonthlyContent): [string, DocumentBlock[]][] {
  return [
    ['总体情况', overviewBlocks(c.overview, c.asOf)],
    ['本月销号任务', table(['序号', '任务编号', '任务名称', '牵头单位', '完成时限', '销号日期', '是否按期'],
      c.closed.map((t, i) => [seq(i), t.number, t.title, joined(t.leadUnits), t.deadline ?? '—', t.closedOn, t.onTime ? '按期' : '逾期']), [0])],
    ['逾期未完成任务（红灯）', table(['序号', '任务编号', '任务名称', '牵头单位', '完成时限', '逾期工作日', '状态', '督办情况', '亮灯原因'],
      c.overdue.map((t, i) => [seq(i), t.number, t.title, joined(t.leadUnits), deadlineText(t), String(t.workingDaysOverdue), STATUS_LABELS[t.status],
        ESCALATION_LEVEL_LABELS[t.escalationLevel] ?? String(t.escalationLevel), reasonsText(t)]), [0, 5])],
    ['预警任务（黄灯）', table(['序号', '任务编号', '任务名称', '牵头单位', '完成时限', '状态', '预警原因'],
      (c.warnings ?? []).map((t, i) => [seq(i), t.number, t.title, joined(t.leadUnits), deadlineText(t), STATUS_LABELS[t.status], reasonsText(t)]), [0])],
    ['未按时报送进展的单位', table(['序号', '单位', '应报任务数', '未报任务数', '未报任务编号'],
      c.missedReports.map((u, i) => [seq(i), u.unit, String(u.due), String(u.missing), u.taskNumbers.join('、')]), [0, 2, 3])],
    ['年度目标完成情况', table(['序号', '任务编号', '年度目标', '目标值', '累计完成', '序时进度目标', '完成率', '序时进度', '进度'],
      c.targets.map((g, i) => [seq(i), g.taskNumber, g.description, figure(g.value, g.measure), figure(g.actual, g.measure), figure(g.expectedToDate, g.measure),
        percentText(g.completionPercent), `${g.expectedPercent}%`, g.behind === null ? '—' : g.behind ? '滞后' : '正常']), [0, 3, 4, 5, 6, 7])],
    ['各单位反映的问题', table(['序号', '任务编号', '单位', '月份', '存在问题'],
      c.problems.map((p, i) => [seq(i), p.taskNumber, p.unit, chineseMonth(p.month), p.problems]), [0])],
    ['领导批示落实情况', instructionBlocks(c.instructions)],
  ]
}

/** Open and overdue 批示; summaries stored before instructions existed have none. */
const instructionBlocks = (lines: InstructionLine[] | undefined): DocumentBlock[] =>
  table(['序号', '批示日期', '批示领导', '批示事项', '批示内容', '落实单位', '未报落实情况', '反馈时限', '状态'],
    (lines ?? []).map((l, i) => [seq(i), l.issuedOn, l.leader, l.target, l.text, joined(l.units), joined(l.unitsPending) || '—', l.replyBy, l.overdue ? '逾期未反馈' : '办理中']), [0])

function assessmentLayout(c: AssessmentSections & { asOf: string }, what: string): [string, DocumentBlock[]][] {
  const w = SCORE_WEIGHTS
  return [
    ['总体情况', overviewBlocks(c.overview, c.asOf)],
    [`各单位${what}得分及排名`, [
      paragraph(`评分办法：按期推进${w.punctuality}分（按逾期任务占牵头任务比例扣减），按时报送${w.reporting}分（逾期报送计一半），按期办结${w.closing}分（按逾期办结占已办结比例扣减）；每件督办单扣${w.perL2}分，每项提级督办任务扣${w.perL3}分，满分100分。`),
      ...table(['名次', '单位', '牵头任务', '按期办结', '逾期办结', '逾期未办结', '应报进展', '按时报送', '逾期报送', '未报送', '督办', '提级督办', '得分'],
        c.units.map((u) => [String(u.rank), u.unit, String(u.tasksLed), String(u.closedOnTime), String(u.closedLate), String(u.overdue), String(u.reportsDue),
          String(u.reportsOnTime), String(u.reportsLate), String(u.reportsMissing), String(u.escalationsL2), String(u.escalationsL3), String(u.score)]),
        [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ]],
    ['表扬', table(['序号', '单位', '表扬事由'], c.praised.map((u, i) => [seq(i), u.unit, `${u.reasons.join('；')}。`]), [0])],
    ['通报批评', table(['序号', '单位', '批评事由'], c.criticised.map((u, i) => [seq(i), u.unit, `${u.reasons.join('；')}。`]), [0])],
    ['提级督办任务', table(['序号', '任务编号', '任务名称', '牵头单位', '完成时限', '提级日期', '督办状态', '任务状态'],
      c.escalatedTasks.map((t, i) => [seq(i), t.number, t.title, joined(t.leadUnits), t.deadline ?? '—', t.openedOn, ESCALATION_STATUS_LABELS[t.escalationStatus] ?? t.escalationStatus, STATUS_LABELS[t.status]]), [0])],
  ]
}

function annualTargets(c: AnnualContent): [string, DocumentBlock[]] {
  return ['年度目标完成情况', table(['序号', '任务编号', '年度目标', '目标值', '累计完成', '完成率', '是否完成'],
    c.targets.map((g, i) => [seq(i), g.taskNumber, g.description, figure(g.value, g.measure), figure(g.actual, g.measure), percentText(g.completionPercent),
      g.met === null ? '—' : g.met ? '已完成' : '未完成']), [0, 3, 4, 5])]
}

const INTRO: Record<SummaryContent['kind'], (c: SummaryContent) => string> = {
  monthly: (c) => `现将${c.periodName}《${c.planTitle}》${c.docNumber ? `（${c.docNumber}）` : ''}任务推进调度情况通报如下。`,
  quarterly: (c) => `为压实工作责任，现将${c.periodName}《${c.planTitle}》${c.docNumber ? `（${c.docNumber}）` : ''}任务推进情况及各单位考核结果通报如下。`,
  annual: (c) => `现将${c.periodName}度《${c.planTitle}》${c.docNumber ? `（${c.docNumber}）` : ''}任务完成情况及各单位考核结果通报如下。`,
}

/** Lays out a summary's content; `generatedOn` (YYYY-MM-DD) dates it. */
export function summaryDocument(content: SummaryContent, generatedOn: string): SummaryDocument {
  let layout: [string, DocumentBlock[]][]
  if (content.kind === 'monthly') layout = monthlyLayout(content)
  else if (content.kind === 'quarterly') layout = [...assessmentLayout(content, '季度'), ['领导批示落实情况', instructionBlocks(content.instructions)]]
  else layout = [...assessmentLayout(content, '年度'), annualTargets(content)]
  return {
    title: content.title,
    issuedBy: content.issuedBy,
    dateLine: chineseDate(generatedOn),
    intro: INTRO[content.kind](content),
    sections: layout.map(([heading, blocks], i) => ({ heading: `${NUMERALS[i]}、${heading}`, blocks })),
  }
}
