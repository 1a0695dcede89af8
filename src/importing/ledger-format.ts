import { isDomainDate, YEAR_MAX, YEAR_MIN } from '../domain/dates.js'
import type { Light } from '../domain/lights.js'
import { splitOutside } from '../domain/plan-parser/brackets.js'
import { fold } from '../domain/plan-parser/fold.js'
import type { TaskStatus } from '../domain/task-status.js'
import type { ImportTarget } from './import-document.js'

/**
 * The 台账's columns and how each cell is written and read back. Every writer here has a reader
 * that gives back what was written, so export → import → export is the same file.
 */
export const LEDGER_COLUMNS = ['序号', '任务', '牵头单位', '责任单位', '配合单位', '完成时限', '年度目标', '状态', '最新进展', '亮灯'] as const
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number]
export type LedgerRow = Record<LedgerColumn, string>

export const STATUS_LABELS: Record<TaskStatus, string> = {
  draft: '草稿', dispatched: '已交办', acknowledged: '已签收', in_progress: '办理中',
  completion_requested: '申请办结', closed: '已销号', suspended: '已暂停', cancelled: '已取消',
}
export const LIGHT_LABELS: Record<Light, string> = { red: '红', yellow: '黄', green: '绿' }

export const statusOfLabel = (label: string): TaskStatus | undefined =>
  (Object.keys(STATUS_LABELS) as TaskStatus[]).find((s) => STATUS_LABELS[s] === label)
export const isLightLabel = (label: string): boolean => Object.values(LIGHT_LABELS).includes(label)

/** 任务: the title, and on the lines after it the description. */
export const taskCell = (title: string, description: string) => (description ? `${title}\n${description}` : title)

export function readTaskCell(cell: string): { title: string; description: string } {
  const cut = cell.indexOf('\n')
  return cut === -1 ? { title: cell, description: '' } : { title: cell.slice(0, cut), description: cell.slice(cut + 1) }
}

export const UNIT_SEPARATOR = '、'

/** Unit names joined with 、; read back split at 、 , ; or line ends outside brackets. */
export function readUnitsCell(cell: string): string[] {
  const folded = fold(cell)
  return splitOutside(folded, (ch) => ch === '、' || ch === ',' || ch === ';' || ch === '\n')
    .map((s) => cell.slice(s.start, s.end).trim())
    .filter(Boolean)
}

/**
 * A section's heading row: 序号 in Chinese numerals (`一`, `(一)`) or empty, 任务 its title, nothing
 * else. Task numbers are Arabic (`7`, `3.4`), so the two never meet.
 */
export const SECTION_NUMBER = /^(?:[(（]?[一二三四五六七八九十百零〇]+[)）]?)?$/

/**
 * 年度目标, one target per line: `2026年:改造老旧小区40个`, then `【目标:40个】` when it has a value
 * (with its measure, if any), `【计量:个】` when it has a measure but no value, and
 * `【截止:2026-06-30】` when it is due before 31 December.
 */
export function targetLine(t: ImportTarget): string {
  const measure = t.measure?.trim() || null
  let line = `${t.year}年:${t.description}`
  if (t.value !== null) {
    const gap = measure !== null && /^[\d.eE+\-]/.test(measure) ? ' ' : ''
    line += `【目标:${t.value}${gap}${measure ?? ''}】`
  } else if (measure !== null) {
    line += `【计量:${measure}】`
  }
  if (t.dueOn !== null && t.dueOn !== `${t.year}-12-31`) line += `【截止:${t.dueOn}】`
  return line
}

const NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?'
const TARGET_LINE = new RegExp(`^(\\d{4})\\s*年?\\s*[:：]\\s*(.*?)`
  + `(?:【目标[:：]\\s*(${NUMBER})\\s*([^】]*?)\\s*】|【计量[:：]\\s*([^】]*?)\\s*】)?`
  + `(?:【截止[:：]\\s*([^】]*?)\\s*】)?$`)

/** One line of 年度目标 read back, or why it cannot be. */
export function readTargetLine(line: string): ImportTarget | string {
  const m = TARGET_LINE.exec(line.trim())
  if (!m) return `“${line}”不是“2026年:目标内容【目标:40个】【截止:2026-06-30】”的写法`
  const year = Number(m[1])
  if (year < YEAR_MIN || year > YEAR_MAX) return `${year} 年不在 ${YEAR_MIN}–${YEAR_MAX} 之间`
  const description = m[2]!.trim()
  if (!description) return `${year} 年的目标没有内容`
  const dueOn = m[6] ?? null
  if (dueOn !== null && !isDomainDate(dueOn)) return `截止日期“${dueOn}”不是 YYYY-MM-DD 格式的日期（${YEAR_MIN}–${YEAR_MAX} 年间）`
  const value = m[3] === undefined ? null : Number(m[3])
  return { year, description, value, measure: (value === null ? m[5] : m[4]) || null, dueOn: dueOn === `${year}-12-31` ? null : dueOn }
}

export const targetsCell = (targets: ImportTarget[]) => targets.map(targetLine).join('\n')
