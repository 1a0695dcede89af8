import { Parser } from 'saxen'
import { chineseNumeral } from '../domain/plan-parser/numerals.js'
import { wordTableLines, type WordCell } from '../domain/plan-parser/word-tables.js'

/**
 * The body of a .docx (word/document.xml) as lines of text, read with a SAX parser: paragraphs in
 * order, tables as tab-separated rows with merged cells (w:gridSpan, w:vMerge) as spans. Deleted
 * text (w:delText), field codes (w:instrText) and the fallback copy of drawings (mc:Fallback) are
 * not text; text boxes are read as paragraphs of their own. Paragraphs numbered by Word (w:numPr)
 * get their number written out (`1.`, `(一)`), as the parser reads numbers from the text.
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

interface Level { start: number; format: string; text: string }
/** Word's list definitions (word/numbering.xml): levels by abstract list, and which abstract list each list instance uses. */
export interface Numbering { abstract: Map<string, Map<number, Level>>; lists: Map<string, { abstractId: string; starts: Map<number, number> }> }

function saxParser(): Parser {
  const parser = new Parser()
  parser.ns({ [W]: 'w', [MC]: 'mc' })
  return parser
}

export function readNumbering(xml: string): Numbering {
  const numbering: Numbering = { abstract: new Map(), lists: new Map() }
  let levels: Map<number, Level> | null = null
  let level: Level | null = null
  let list: { abstractId: string; starts: Map<number, number> } | null = null
  let overrideLevel = 0
  const parser = saxParser()
  parser.on('openTag', (name, attrs) => {
    const val = () => attrs()['w:val'] ?? ''
    switch (name) {
      case 'w:abstractNum': levels = new Map(); numbering.abstract.set(attrs()['w:abstractNumId'] ?? '', levels); break
      case 'w:lvl': level = { start: 1, format: 'decimal', text: '' }; if (levels && !list) levels.set(Number(attrs()['w:ilvl']) || 0, level); break
      case 'w:start': if (level) level.start = Number(val()) || 0; break
      case 'w:numFmt': if (level) level.format = val(); break
      case 'w:lvlText': if (level) level.text = val(); break
      case 'w:num': list = { abstractId: '', starts: new Map() }; numbering.lists.set(attrs()['w:numId'] ?? '', list); break
      case 'w:abstractNumId': if (list) list.abstractId = val(); break
      case 'w:lvlOverride': overrideLevel = Number(attrs()['w:ilvl']) || 0; break
      case 'w:startOverride': list?.starts.set(overrideLevel, Number(val()) || 0); break
    }
  })
  parser.on('closeTag', (name) => {
    if (name === 'w:lvl') level = null
    else if (name === 'w:abstractNum') levels = null
    else if (name === 'w:num') list = null
  })
  parser.parse(xml)
  return numbering
}

const CIRCLED = 0x2460

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting': case 'chineseCountingThousand': case 'chineseCountingTenThousand': case 'japaneseCounting': case 'ideographTraditional': case 'taiwaneseCounting':
      return n >= 1 && n < 100 ? chineseNumeral(n) : String(n)
    case 'decimalEnclosedCircle': case 'decimalEnclosedCircleChinese': return n >= 1 && n <= 20 ? String.fromCharCode(CIRCLED + n - 1) : String(n)
    case 'lowerLetter': return String.fromCharCode(0x60 + (((n - 1) % 26) + 1))
    case 'upperLetter': return String.fromCharCode(0x40 + (((n - 1) % 26) + 1))
    case 'bullet': case 'none': return ''
    default: return String(n)
  }
}

/** Word's list counters as the document goes: a level counts up, the levels under it start again. */
function listCounter(numbering: Numbering) {
  const counters = new Map<string, number[]>()
  const started = new Set<string>()
  return (numId: string, ilvl: number): string => {
    const list = numbering.lists.get(numId)
    const levels = list && numbering.abstract.get(list.abstractId)
    const level = levels?.get(ilvl)
    if (!list || !levels || !level || level.format === 'bullet') return ''
    let counts = counters.get(list.abstractId)
    if (!counts || (list.starts.size > 0 && !started.has(numId))) {
      counts = []
      counters.set(list.abstractId, counts)
    }
    started.add(numId)
    const startOf = (l: number) => list.starts.get(l) ?? levels.get(l)?.start ?? 1
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1
    counts.length = ilvl + 1
    return level.text.replace(/%(\d)/g, (_, k: string) => {
      const l = Number(k) - 1
      return formatNumber(counts![l] ?? startOf(l), levels.get(l)?.format ?? 'decimal')
    })
  }
}

export function docxBodyLines(xml: string, numbering?: Numbering): string[] {
  const label = numbering ? listCounter(numbering) : () => ''
  let numId = ''
  let ilvl = 0
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

  const parser = saxParser()
  parser.on('error', (err) => { failure ??= err })
  parser.on('openTag', (name, attrs, _decode, selfClosing) => {
    if (skipDepth > 0 || name === 'mc:Fallback') {
      if (!selfClosing) skipDepth++
      return
    }
    const up = parent.at(-1)
    switch (name) {
      case 'w:p': paragraphs.push(''); numId = ''; ilvl = 0; break
      case 'w:numId': if (up === 'w:numPr') numId = attrs()['w:val'] ?? ''; break
      case 'w:ilvl': if (up === 'w:numPr') ilvl = Number(attrs()['w:val']) || 0; break
      case 'w:pPr':
        break
      case 'w:r':
        // The first run after the paragraph's properties: write the list number, if Word numbers it.
        if (numId !== '' && numId !== '0' && paragraphs.length && paragraphs.at(-1) === '') paragraphs[paragraphs.length - 1] = label(numId, ilvl)
        numId = ''
        break
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
