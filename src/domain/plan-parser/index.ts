import { fold } from './fold.js'
import { parseHeader } from './header.js'
import { ATTACHMENT_LINE, isDateLine, lineMarker } from './markers.js'
import { logicalLines, rawLines } from './normalise.js'
import { buildOutline } from './outline.js'
import { endYear, startYear, yearOf } from './period.js'
import { findTaskTables } from './table.js'
import { extractTasks, type ParsedSection, type ParsedTask, type TaskList } from './tasks.js'

export type { ParsedTarget } from './targets.js'
export type { ParsedTask, ParsedSection } from './tasks.js'

export interface ParsedPlan {
  title: string
  docNumber: string | null
  issuer: string | null
  issuedOn: string | null
  startYear: number | null
  endYear: number | null
  sections: ParsedSection[]
  tasks: ParsedTask[]
  warnings: string[]
}

/** The text has no task list this parser can find; the message says why, for the API's 422. */
export class NotAPlanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotAPlanError'
  }
}

const hasUnits = (task: ParsedTask) => task.leadUnits.length + task.responsibleUnits.length + task.cooperatingUnits.length > 0

/** Whether `b` finds more of the plan than `a`: more tasks with units, then more tasks. */
const findsMore = (b: TaskList, a: TaskList) => {
  const withUnits = b.tasks.filter(hasUnits).length - a.tasks.filter(hasUnits).length
  return withUnits > 0 || (withUnits === 0 && b.tasks.length > a.tasks.length)
}

const PUBLIC_NOTE = /^[(]此件公开发布[)]$/
const SIGNATURE = /^[\u4e00-\u9fff()]{2,30}(?:办公室|办公厅|人民政府|委员会|局|委|厅|办|部|中心|指挥部|领导小组)$/

/**
 * Splits the main text from what follows it: attachments (附件), distribution (抄送) or a closing
 * signature and date. Only looked for after the first heading, since the notice above may have them.
 */
function splitBody(lines: string[]): { body: string[]; firstHeading: number } {
  const folded = lines.map(fold)
  const firstHeading = folded.findIndex((l) => lineMarker(l) !== null)
  if (firstHeading === -1) return { body: lines, firstHeading: 0 }
  for (let i = firstHeading + 1; i < folded.length; i++) {
    const line = folded[i]!
    if (ATTACHMENT_LINE.test(line) || PUBLIC_NOTE.test(line)) return { body: lines.slice(0, i), firstHeading }
    if (isDateLine(line)) {
      const signed = i > 0 && SIGNATURE.test(folded[i - 1]!.replace(/\s+/g, ''))
      return { body: lines.slice(0, signed ? i - 1 : i), firstHeading }
    }
  }
  return { body: lines, firstHeading }
}

/**
 * Parses the text of a published plan (行动计划, 实施方案): header, sections and tasks with their
 * units, targets and deadlines. Throws NotAPlanError when there is no task list.
 */
export function parsePlanText(text: string): ParsedPlan {
  if (text.trim() === '') throw new NotAPlanError('文本为空,没有可识别的任务清单')
  const raw = rawLines(text)
  const header = parseHeader(raw)
  const lines = logicalLines(raw)
  const { body, firstHeading } = splitBody(lines)
  const start = startYear(header)
  const context = { minYear: start, defaultYear: yearOf(header.issuedOn) ?? start }

  let found = extractTasks(buildOutline(body), context)
  if (!found.tasks.some(hasUnits) && body.length < lines.length) {
    // The task list may sit in an attachment (重点任务分工表) when the body's has no units.
    const withAttachments = extractTasks(buildOutline(lines.slice(firstHeading)), context)
    if (withAttachments.tasks.filter(hasUnits).length > found.tasks.filter(hasUnits).length) found = withAttachments
  }
  const table = findTaskTables(raw, context)
  if (table && (!table.projects || !found.tasks.some(hasUnits)) && findsMore(table, found)) {
    found = { sections: table.sections, tasks: table.tasks, warnings: table.warnings }
  }
  if (found.tasks.length === 0) {
    throw new NotAPlanError('没有找到任务清单:未发现带责任单位的编号任务,或“重点任务”一类章节下的编号条目')
  }

  const targetYears = found.tasks.flatMap((t) => t.targets.map((g) => g.year))
  return {
    title: header.title,
    docNumber: header.docNumber,
    issuer: header.issuer,
    issuedOn: header.issuedOn,
    startYear: start,
    endYear: endYear(header, start, body.join('\n'), targetYears),
    sections: found.sections,
    tasks: found.tasks,
    warnings: header.title === '' ? ['未找到计划标题', ...found.warnings] : found.warnings,
  }
}
