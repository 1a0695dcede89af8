import { tableHeader, type Column } from './table-columns.js'

/**
 * A Word table as the parser reads tables: one line a row, cells separated by tabs. Cells merged
 * down (w:vMerge) repeat in every row they span, so a section or lead unit merged over several
 * tasks belongs to each of them; a cell's paragraphs join into one cell.
 */
export interface WordCell { paragraphs: string[]; colSpan: number; rowSpan: number }
export type WordRow = WordCell[]

const UNIT_COLUMNS: Column[] = ['lead', 'responsible', 'cooperating']
const LIST_END = /[、,,;;]$/

/** The cells of each row on the table's grid: spans expanded, a cell merged down repeated below. */
export function tableGrid(rows: WordRow[]): (string[] | null)[][] {
  const grid: (string[] | null)[][] = []
  const below: { paragraphs: string[]; rows: number }[] = []
  rows.forEach((row) => {
    const out: (string[] | null)[] = []
    let column = 0
    const fillMerged = () => {
      while (below[column] && below[column]!.rows > 0) {
        out.push(below[column]!.paragraphs)
        below[column]!.rows--
        column++
      }
    }
    for (const cell of row) {
      fillMerged()
      for (let span = 0; span < Math.max(1, cell.colSpan); span++) {
        // A cell spanning columns fills the first; the others are null (no cell of their own).
        out.push(span === 0 ? cell.paragraphs : null)
        below[column] = { paragraphs: span === 0 ? cell.paragraphs : [], rows: Math.max(1, cell.rowSpan) - 1 }
        column++
      }
    }
    fillMerged()
    grid.push(out)
  })
  return grid
}

const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ').trim()

/** A cell's paragraphs as one cell: unit names one a paragraph become a list (`、`), other text runs on. */
function cellText(paragraphs: string[] | null, column: Column | undefined): string {
  const parts = (paragraphs ?? []).map(clean).filter((p) => p !== '')
  if (column === undefined || !UNIT_COLUMNS.includes(column)) return parts.join('')
  return parts.reduce((text, part) => (text === '' || LIST_END.test(text) ? text + part : `${text}、${part}`), '')
}

/** The table's rows as lines of tab-separated cells; a row that is one cell across the table is its text alone (a heading). */
export function wordTableLines(rows: WordRow[]): string[] {
  const grid = tableGrid(rows)
  let columns: Column[] | null = null
  const lines: string[] = []
  for (const row of grid) {
    const filled = row.filter((cell) => cell !== null && cell.some((p) => clean(p) !== ''))
    // An empty row (spacing, or rows left for filling in) says nothing.
    if (filled.length === 0) continue
    if (row.length > 1 && filled.length === 1 && row.filter((c) => c !== null).length === 1) {
      lines.push(cellText(filled[0]!, undefined))
      continue
    }
    const line = row.map((cell, i) => cellText(cell, columns?.[i])).join('\t')
    if (columns === null) columns = tableHeader(line)?.columns ?? null
    lines.push(line)
  }
  return lines
}
