import { Parser } from 'saxen'
import { wordTableLines, type WordCell } from '../domain/plan-parser/word-tables.js'

/**
 * The body of a .docx (word/document.xml) as lines of text, read with a SAX parser: paragraphs in
 * order, tables as tab-separated rows with merged cells (w:gridSpan, w:vMerge) as spans. Deleted
 * text (w:delText), field codes (w:instrText) and the fallback copy of drawings (mc:Fallback) are
 * not text; text boxes are read as paragraphs of their own.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006'

interface Cell extends WordCell { column: number; vMerge: 'restart' | 'continue' | null }
interface Table { rows: Cell[][]; skipColumns: number }
/** Where finished paragraphs go: the body's lines, or a cell's paragraphs. */
type Sink = string[]

/** The table's rows as spans: a cell continuing a vertical merge adds a row to the cell above it and is dropped. */
function mergedRows(table: Table): WordCell[][] {
  const open = new Map<number, Cell>()
  return table.rows.map((row) => row.filter((cell) => {
    if (cell.vMerge === 'continue') {
      const above = open.get(cell.column)
      if (above) {
        above.rowSpan++
        return false
      }
    }
    for (let c = cell.column; c < cell.column + cell.colSpan; c++) open.delete(c)
    if (cell.vMerge === 'restart' || cell.vMerge === 'continue') open.set(cell.column, cell)
    return true
  }))
}

export function docxBodyLines(xml: string): string[] {
  const lines: string[] = []
  const sinks: Sink[] = [lines]
  const paragraphs: string[] = []
  const tables: Table[] = []
  let cell: Cell | null = null
  const cells: (Cell | null)[] = []
  let inText = false
  let skipDepth = 0
  let parent: string[] = []
  let failure: Error | null = null

  const parser = new Parser()
  parser.ns({ [W]: 'w', [MC]: 'mc' })
  parser.on('error', (err) => { failure ??= err })
  parser.on('openTag', (name, attrs, _decode, selfClosing) => {
    if (skipDepth > 0 || name === 'mc:Fallback') {
      if (!selfClosing) skipDepth++
      return
    }
    const up = parent.at(-1)
    switch (name) {
      case 'w:p': paragraphs.push(''); break
      case 'w:t': inText = true; break
      case 'w:tab': if (up === 'w:r' && paragraphs.length) paragraphs[paragraphs.length - 1] += '\t'; break
      case 'w:br': case 'w:cr': if (up === 'w:r' && paragraphs.length) paragraphs[paragraphs.length - 1] += '\n'; break
      case 'w:noBreakHyphen': if (paragraphs.length) paragraphs[paragraphs.length - 1] += '-'; break
      case 'w:tbl': tables.push({ rows: [], skipColumns: 0 }); break
      case 'w:tr': tables.at(-1)?.rows.push([]); if (tables.at(-1)) tables.at(-1)!.skipColumns = 0; break
      case 'w:gridBefore': if (up === 'w:trPr' && tables.at(-1)) tables.at(-1)!.skipColumns = Number(attrs()['w:val']) || 0; break
      case 'w:tc': {
        const table = tables.at(-1)
        const row = table?.rows.at(-1)
        const last = row?.at(-1)
        cells.push(cell)
        cell = { paragraphs: [], colSpan: 1, rowSpan: 1, vMerge: null, column: last ? last.column + last.colSpan : table?.skipColumns ?? 0 }
        row?.push(cell)
        sinks.push(cell.paragraphs)
        break
      }
      case 'w:gridSpan': if (up === 'w:tcPr' && cell) cell.colSpan = Math.max(1, Number(attrs()['w:val']) || 1); break
      case 'w:vMerge': if (up === 'w:tcPr' && cell) cell.vMerge = attrs()['w:val'] === 'restart' ? 'restart' : 'continue'; break
    }
    if (!selfClosing) parent.push(name)
  })
  parser.on('closeTag', (name, _decode, selfClosing) => {
    if (skipDepth > 0) {
      if (!selfClosing) skipDepth--
      return
    }
    if (!selfClosing) parent.pop()
    switch (name) {
      case 'w:t': inText = false; break
      case 'w:p': sinks.at(-1)!.push(paragraphs.pop() ?? ''); break
      case 'w:tc': sinks.pop(); cell = cells.pop() ?? null; break
      case 'w:tbl': {
        const table = tables.pop()
        if (table) sinks.at(-1)!.push('', ...wordTableLines(mergedRows(table)), '')
        break
      }
    }
  })
  parser.on('text', (text, decode) => {
    if (inText && skipDepth === 0 && paragraphs.length) paragraphs[paragraphs.length - 1] += decode(text)
  })
  parser.parse(xml)
  if (failure) throw failure
  parent = []
  return lines
}
