import { fold } from './fold.js'
import { isHeadingOnly, lineMarker } from './markers.js'
import { displayWidth, type RawLine } from './normalise.js'
import { numberingRestarts, numberingWarnings } from './numbering.js'
import { chineseNumber, chineseNumeral } from './numerals.js'
import { cellStarts, mayBeRow, splitCells, tableHeader, type Column } from './table-columns.js'
import { completeTask, type ParsedSection, type ParsedTask, type TaskContext, type TaskList } from './tasks.js'
import { trimEndOf } from './trim.js'
import { findUnitClauses, resolveUnits } from './units.js'
import { splitTitle } from './wording.js'

/** Task tables (重点任务分工表) in plain text: each row under the header row is a task. */

interface Section extends ParsedSection { ordinal: number }
interface Row { cells: Map<Column, string[]>; section: Section | null; ordinal: number }

const NUMBER_CELL = /^(\d{1,3}(?:[.-]\d{1,3})*)[.、]?$/
const ROLE_LABEL: [Column, string][] = [['lead', '牵头单位'], ['responsible', '责任单位'], ['cooperating', '配合单位']]
const TITLE_PUNCTUATION = '。,,;;::、'

/** `一、城市洁净行动` as a section: its own marker, else numbered in order of appearance. */
function sectionOf(text: string, count: number): Section {
  const marker = lineMarker(fold(text))
  const title = trimEndOf(text.slice(marker?.length ?? 0).trim(), TITLE_PUNCTUATION)
  return marker ? { number: marker.label, title, ordinal: marker.ordinal } : { number: chineseNumeral(count + 1), title, ordinal: count + 1 }
}

const SECTION_NUMBER = /^(?:([一二三四五六七八九十]{1,3})[、.]?|\(([一二三四五六七八九十]{1,3})\))$/

/** A row such as `一  城市洁净行动` (section numbers in the 序号 column): the section it opens. */
function sectionRow(text: string): Section | null {
  const cells = splitCells(text).filter((cell) => cell !== '')
  const m = cells.length === 2 ? SECTION_NUMBER.exec(fold(cells[0]!)) : null
  if (!m) return null
  const label = m[1] ?? m[2]!
  return { number: label, title: trimEndOf(cells[1]!, TITLE_PUNCTUATION), ordinal: chineseNumber(label) }
}

/** Lines the cells onto the columns: the 序号 cell goes under 序号, cells missing before it were merged or empty. */
function aligned(cells: string[], columns: Column[]): string[] | null {
  const numberColumn = columns.indexOf('number')
  if (numberColumn === -1) return cells
  let at = cells.findIndex((cell, i) => i <= numberColumn + 1 && NUMBER_CELL.test(fold(cell)))
  if (at === -1) {
    // `1.老旧小区改造` with no gap after the number.
    at = cells.findIndex((cell, i) => i <= numberColumn && lineMarker(fold(cell)) !== null)
    if (at === -1) return null
    const marker = lineMarker(fold(cells[at]!))!
    if (marker.rank < 3) return null
    cells = [...cells.slice(0, at), marker.label, cells[at]!.slice(marker.length), ...cells.slice(at + 1)]
  }
  return at > numberColumn ? null : [...Array<string>(numberColumn - at).fill(''), ...cells]
}

function readRow(cells: string[], columns: Column[]): Map<Column, string[]> {
  const byColumn = new Map<Column, string[]>()
  columns.forEach((column, i) => {
    const cell = cells[i] ?? ''
    byColumn.set(column, [...(byColumn.get(column) ?? []), cell])
  })
  return byColumn
}

/** A row's cells; single spaces separate them only where that gives exactly one cell per column. */
function rowCells(text: string, columns: Column[]): string[] | null {
  if (!mayBeRow(fold(text))) return null
  let cells = splitCells(text)
  if (cells.length < columns.length) {
    const narrow = splitCells(text, 1)
    if (narrow.length === columns.length) cells = narrow
  }
  const lined = cells.length >= 2 ? aligned(cells, columns) : null
  return lined && lined.length >= 2 ? lined : null
}

const MAX_WRAPPED_LINES = 3

/** A line of text between rows: a cell's text wrapped onto lines of its own, when a row follows soon. */
function isWrapped(raw: RawLine[], at: number, columns: Column[]): boolean {
  let seen = 0
  for (let i = at + 1; i < raw.length && seen < MAX_WRAPPED_LINES; i++) {
    const line = raw[i]!
    if (line.pageBreak || line.text === '') continue
    if (rowCells(line.text, columns)) return true
    if (lineMarker(fold(line.text)) !== null) return false
    seen++
  }
  return false
}

/** The rows of the table whose header is at `start`, and where the table ends. */
function readTable(raw: RawLine[], start: number, columns: Column[], sections: Section[]): { rows: Row[]; end: number } {
  const rows: Row[] = []
  let current: Section | null = null
  let pending: Section | null = null
  let category = ''
  const headerStarts = cellStarts(raw[start]!.text, raw[start]!.indent, displayWidth)
  let rowStarts: number[] | null = null
  /**
   * The column a wrapped line stands under, where the cells are aligned with spaces: the last to start
   * at or before it, by the row above (or the header) when that has a cell for every column.
   */
  const columnUnder = (indent: number): Column => {
    const starts = rowStarts?.length === columns.length ? rowStarts : headerStarts
    if (!starts || starts.length !== columns.length || indent === 0) return 'title'
    let at = 0
    starts.forEach((s, c) => { if (s <= indent + 1) at = c })
    const column = columns[at]!
    return column === 'number' || column === 'other' ? 'title' : column
  }
  /** An indented line that starts where a cell of the row above starts is that cell wrapped, even as the table's last line. */
  const standsUnderColumn = (indent: number) => {
    const starts = rowStarts?.length === columns.length ? rowStarts : headerStarts
    return indent > 0 && starts?.length === columns.length && starts.some((s) => Math.abs(s - indent) <= 1)
  }
  let i = start + 1
  for (; i < raw.length; i++) {
    const line = raw[i]!
    if (line.pageBreak || line.text === '') continue
    const folded = fold(line.text)
    if (tableHeader(line.text) !== null) continue
    const opens = mayBeRow(folded) ? sectionRow(line.text) : null
    if (opens) {
      pending = opens
      continue
    }
    const cells = rowCells(line.text, columns)
    if (cells) {
      const byColumn = readRow(cells, columns)
      const categoryCell = byColumn.get('category')?.[0] ?? ''
      if (categoryCell !== '' && categoryCell !== category) {
        category = categoryCell
        pending = sectionOf(categoryCell, sections.length)
      }
      if (pending) {
        sections.push(pending)
        current = pending
        pending = null
      }
      rows.push({ cells: byColumn, section: current, ordinal: rows.length + 1 })
      rowStarts = cellStarts(line.text, line.indent, displayWidth)
      continue
    }
    const marker = lineMarker(folded)
    if (marker !== null && marker.rank <= 2 && isHeadingOnly(folded)) {
      pending = sectionOf(line.text, sections.length)
    } else if (rows.length > 0 && pending === null && (isWrapped(raw, i, columns) || (marker === null && standsUnderColumn(line.indent)))) {
      // A wrapped cell's text stands under its column; where the layout does not say, the long text cell is the likely one.
      const cells = rows.at(-1)!.cells
      const texts = cells.get(columnUnder(line.indent)) ?? cells.get('title')!
      texts[texts.length - 1] += line.text
    } else {
      break
    }
  }
  return { rows, end: i }
}

function taskOf(row: Row, number: string, context: TaskContext, warnings: string[]): ParsedTask {
  const texts = (row.cells.get('title') ?? []).filter((cell) => cell !== '')
  const split = texts.length > 1 ? { title: trimEndOf(texts[0]!, TITLE_PUNCTUATION), description: texts.slice(1).join('\n') } : splitTitle(texts[0] ?? '')
  const text = [split.title, split.description].filter((s) => s !== '').join('\n')
  const clauses = ROLE_LABEL.flatMap(([column, label]) =>
    (row.cells.get(column) ?? []).filter((cell) => cell !== '').flatMap((cell) => findUnitClauses(`${label}:${cell}`)))
  const units = resolveUnits(clauses)
  if (units.leadUnits.length === 0) warnings.push(`任务 ${number}:未找到责任单位`)
  const times = (row.cells.get('time') ?? []).filter((cell) => cell !== '')
  return completeTask({ number, section: row.section?.number ?? null, title: split.title, description: split.description }, units, text, times, context, warnings)
}

export interface TableTasks extends TaskList {
  /** Every table lists projects (项目名称), which a plan's text tasks take precedence over. */
  projects: boolean
}

/** Every task table in the text, read as one task list; null when there is none. */
export function findTaskTables(raw: RawLine[], context: TaskContext): TableTasks | null {
  const sections: Section[] = []
  const rows: Row[] = []
  let projects = true
  for (let i = 0; i < raw.length; i++) {
    const header = raw[i]!.pageBreak ? null : tableHeader(raw[i]!.text)
    if (!header) continue
    projects &&= header.projects
    const table = readTable(raw, i, header.columns, sections)
    rows.push(...table.rows)
    i = table.end - 1
  }
  if (rows.length === 0) return null

  const written = rows.map((row) => fold(row.cells.get('number')?.[0] ?? '').replace(/[.、]$/, ''))
  const ordinals = rows.map((row, i) => (written[i] === '' ? row.ordinal : Number(written[i]!.split(/[.-]/).at(-1))))
  const restarts = numberingRestarts(rows.map((row, i) => ({ section: row.section, n: ordinals[i]! })))
  const warnings: string[] = []
  const tasks = rows.map((row, i) => {
    const label = written[i] === '' ? String(row.ordinal) : written[i]!
    const number = !/[.-]/.test(label) && restarts && row.section ? `${row.section.ordinal}.${label}` : label
    return taskOf(row, number, context, warnings)
  })
  warnings.push(...numberingWarnings(ordinals, rows.map((row) => row.section), restarts))
  return { sections: sections.map(({ number, title }) => ({ number, title })), tasks, warnings, projects }
}
