/**
 * The text of a printed document (a PDF's text layer) back as paragraphs, one a line: pieces of text
 * placed on pages become lines in reading order, page numbers and running headers and footers go,
 * and lines broken by the layout are joined again — within a page and across pages.
 */

/** A piece of text as placed on the page: x from the left, y from the bottom (PDF space), in points. */
export interface PlacedText { text: string; x: number; y: number; width: number; height: number }
export interface PrintedPage { items: PlacedText[] }

import { tableHeader } from './plan-parser/table-columns.js'

/** One line of a page: its text, where it starts and ends, the size of its type, and its cells (text set apart by column gaps). */
export interface PrintedLine { text: string; left: number; right: number; y: number; size: number; cells: PrintedCell[] }
export interface PrintedCell { text: string; left: number; right: number }

/**
 * Characters some PDF producers map CJK glyphs to: the Kangxi radicals (⼈ U+2F08 for 人), which NFKC
 * folds, and the CJK radicals supplement (⺠ U+2EA0 for 民), which it does not.
 */
const RADICALS_SUPPLEMENT: Record<string, string> = {
  '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻑': '長', '⻓': '长', '⻔': '门', '⻗': '雨', '⻘': '青',
  '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦',
  '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻰': '龙', '⻳': '龟', '⺟': '母', '⼾': '户',
}
const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/g

export function unifyRadicals(text: string): string {
  return text.replace(RADICAL, (ch) => RADICALS_SUPPLEMENT[ch] ?? ch.normalize('NFKC'))
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!
}

/** Gaps between pieces on a line, in characters: wider than this reads as spaced out (two spaces, as a table's columns are). */
const COLUMN_GAP_EMS = 0.8
const WORD_GAP_EMS = 0.2
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/

/** The page's pieces as lines, top to bottom, each read left to right. */
export function pageLines(page: PrintedPage): PrintedLine[] {
  const items = page.items.filter((i) => i.text !== '').sort((a, b) => b.y - a.y || a.x - b.x)
  const rows: PlacedText[][] = []
  for (const item of items) {
    const row = rows.at(-1)
    // Same line when the baselines are within a tenth of a character: a page number set just below the last line is not on it.
    if (row && Math.abs(row[0]!.y - item.y) <= Math.max(row[0]!.height, item.height, 1) / 10) row.push(item)
    else rows.push([item])
  }
  return rows.filter((row) => row.some((i) => i.text.trim() !== '')).map((row) => {
    row.sort((a, b) => a.x - b.x)
    const size = median(row.map((i) => i.height)) || 1
    let text = ''
    let space = ''
    let end = row[0]!.x
    const cells: PrintedCell[] = []
    for (const item of row) {
      const gap = item.x - end
      const right = item.x + item.width
      end = Math.max(end, right)
      if (item.text.trim() === '') {
        // A space drawn as text: as wide as a character or more, it sets words apart as two spaces do.
        space = item.width >= size / 2 ? '  ' : space || ' '
        continue
      }
      if (text !== '' && gap > COLUMN_GAP_EMS * size) space = '  '
      else if (text !== '' && gap > WORD_GAP_EMS * size) space ||= ' '
      // Chinese has no spaces between words: a narrow one beside a Chinese character is the layout's spacing.
      if (space === ' ' && (CJK.test(text.at(-1)!) || CJK.test(item.text[0]!))) space = ''
      const piece = unifyRadicals(item.text)
      if (cells.length === 0 || space === '  ') cells.push({ text: piece.trim(), left: item.x, right })
      else Object.assign(cells.at(-1)!, { text: cells.at(-1)!.text + space + piece.trimEnd(), right })
      text += (text === '' ? '' : space) + item.text
      space = ''
    }
    return { text: unifyRadicals(text.trim().replace(/ {3,}/g, '  ')), left: cells[0]!.left, right: end, y: row[0]!.y, size, cells }
  })
}

/** `— 3 —`, `-3-`, `- 3 -`, `3`, `第3页`, `第 3 页 共 12 页`, `3/12`. */
const PAGE_NUMBER = /^[-—–―－~·•\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*\/\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–―－~·•\s]*$/
const EDGE_LINES = 2
/** A line at a page's top or bottom repeated on at least this share of the pages is a running header or footer. */
const RUNNING_SHARE = 0.5

const runningKey = (text: string) => text.replace(/\s+/g, '').replace(/\d+/g, '#')

const edges = (lines: PrintedLine[]) => new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)])
/** A bare number is a page number only as a page's very first or last line; `— 3 —`, `第3页` anywhere at its edges. */
const isPageNumber = (line: PrintedLine, lines: PrintedLine[]) =>
  PAGE_NUMBER.test(line.text) && (!/^\d+$/.test(line.text.trim()) || line === lines[0] || line === lines.at(-1))

/** Drops page numbers from the pages' top and bottom lines. */
export function withoutPageNumbers(pages: PrintedLine[][]): PrintedLine[][] {
  return pages.map((lines) => {
    const edge = edges(lines)
    return lines.filter((l) => !(edge.has(l) && isPageNumber(l, lines)))
  })
}

/** Drops running headers and footers: top or bottom lines repeated (numbers aside) on at least half the pages. */
export function withoutRunningLines(pages: PrintedLine[][]): PrintedLine[][] {
  const seen = new Map<string, number>()
  for (const lines of pages) {
    for (const key of new Set([...edges(lines)].map((l) => runningKey(l.text)))) seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  const least = Math.max(2, Math.ceil(pages.length * RUNNING_SHARE))
  return pages.map((lines) => {
    const edge = edges(lines)
    return lines.filter((l) => !(edge.has(l) && (seen.get(runningKey(l.text)) ?? 0) >= least))
  })
}

/** Page numbers, then running headers and footers, dropped. */
export function bodyLines(pages: PrintedLine[][]): PrintedLine[][] {
  return withoutRunningLines(withoutPageNumbers(pages))
}

const ROW_NUMBER = /^(?:\d{1,3}(?:[.-]\d{1,3})*[.、]?|[一二三四五六七八九十]{1,3}[、.]?)$/

/**
 * Task tables as printed: under a header row naming the task columns (序号, 重点任务, 牵头单位 …), each
 * cell's text wraps onto lines of its own within its column. Every piece goes to the column it stands
 * in, a new row starts where the 序号 column has a number, and each row becomes one line of
 * tab-separated cells (the parser's table form). The table goes on over page breaks (a header
 * repeated at the top of a page is skipped) and ends at a line that crosses a column's edge.
 */
export function printedTables(pages: PrintedLine[][]): PrintedLine[][] {
  let table: { header: string; starts: number[]; numberColumn: number; rows: string[][]; out: PrintedLine[]; template: PrintedLine } | null = null
  const close = () => {
    if (!table) return
    for (const row of table.rows) table.out.push({ ...table.template, text: row.join('\t'), cells: [] })
    table.rows = []
    table = null
  }
  const columnOf = (starts: number[], cell: PrintedCell, size: number) => {
    let at = -1
    starts.forEach((s, i) => { if (cell.left >= s - size / 2) at = i })
    const end = starts[at + 1]
    return at === -1 || (end !== undefined && cell.right > end + size / 2) ? -1 : at
  }
  return pages.map((lines) => {
    const out: PrintedLine[] = []
    let lastY: number | null = null
    for (const line of lines) {
      const tabbed = line.cells.map((c) => c.text).join('\t')
      if (table && tabbed === table.header) {
        lastY = line.y
        continue
      }
      const columns = line.cells.length >= 3 ? tableHeader(tabbed)?.columns : undefined
      if (columns && columns.length === line.cells.length) {
        close()
        out.push({ ...line, text: tabbed })
        table = { header: tabbed, starts: line.cells.map((c) => c.left), numberColumn: columns.indexOf('number'), rows: [], out, template: line }
        lastY = line.y
        continue
      }
      if (table) {
        const t: NonNullable<typeof table> = table
        const placed = line.cells.map((c) => columnOf(t.starts, c, line.size))
        // Text past a column's edge, well below the last row (a table's lines are close), or a word alone under 序号 that is no number: the table has ended.
        const apart = lastY !== null && lastY - line.y > 3 * line.size
        const strayNumber = t.numberColumn !== -1 && placed.every((p) => p === t.numberColumn) && !line.cells.some((c) => ROW_NUMBER.test(c.text))
        if (placed.includes(-1) || apart || strayNumber) {
          close()
        } else {
          t.out = out
          const numbered = t.numberColumn !== -1 && line.cells.some((c, i) => placed[i] === t.numberColumn && ROW_NUMBER.test(c.text))
          if (numbered || t.rows.length === 0 || t.numberColumn === -1) t.rows.push(t.starts.map(() => ''))
          const row = t.rows.at(-1)!
          line.cells.forEach((c, i) => { row[placed[i]!] += c.text })
          lastY = line.y
          continue
        }
      }
      out.push(line)
    }
    // Rows read so far are written on the page where they started; the rest follow on the next.
    if (table) {
      const t: NonNullable<typeof table> = table
      const last = t.rows.pop()
      for (const row of t.rows) out.push({ ...t.template, text: row.join('\t'), cells: [] })
      t.rows = last ? [last] : []
    }
    return out
  }).map((lines, i, all) => (i === all.length - 1 && table ? (close(), lines) : lines))
}

const SENTENCE_END = /[。！？!?；;：:]["”’)）]?$/
const LATIN_END = /[A-Za-z0-9]$/
const LATIN_START = /^[A-Za-z0-9]/

/** Lines a page needs before its own margins are trusted; fewer go by the document's. */
const MIN_LINES_FOR_MARGINS = 5

/** The text's left edge (where most lines start, indents aside) and right edge (where full lines end). */
function margins(lines: PrintedLine[], size: number): { left: number; right: number } {
  const leftmost = Math.min(...lines.map((l) => l.left))
  const rights = lines.map((l) => l.right).sort((a, b) => a - b)
  return { left: median(lines.map((l) => l.left).filter((x) => x <= leftmost + size / 2)), right: rights[Math.floor(rights.length * 0.9)]! }
}

/** A table's row: cells set apart by a column gap. It is a line of its own, neither joined nor joined to. */
const isRow = (text: string) => text.includes('  ') || text.includes('\t')

/**
 * Paragraphs from the body's lines, in order across pages. A line starts a paragraph when it is
 * indented from the text's left edge (Chinese paragraphs open two characters in), or when the
 * line before it stopped short of the right edge having ended a sentence, or was a short line
 * standing alone (a heading); any other line continues the one before, also over a page break.
 * Margins are each page's own (printed double-sided, odd and even pages may be shifted).
 */
export function paragraphs(pages: PrintedLine[][]): string[] {
  const all = pages.flat()
  if (all.length === 0) return []
  const size = median(all.map((l) => l.size))
  const document = margins(all, size)
  const out: string[] = []
  let previous: PrintedLine | null = null
  let previousRight = document.right
  for (const lines of pages) {
    if (lines.length === 0) continue
    const { left, right } = lines.length >= MIN_LINES_FOR_MARGINS ? margins(lines, size) : document
    for (const line of lines) {
      const indented = line.left > left + size / 2
      const short = previous !== null && previous.right < previousRight - 1.5 * size
      const ended = previous !== null && SENTENCE_END.test(previous.text)
      if (previous === null || indented || (short && ended) || (short && out.at(-1) === previous.text) || isRow(line.text) || isRow(previous.text)) {
        out.push(line.text)
      } else {
        const gap = LATIN_END.test(out.at(-1)!) && LATIN_START.test(line.text) ? ' ' : ''
        out[out.length - 1] += gap + line.text
      }
      previous = line
      previousRight = right
    }
  }
  return out
}

/** The printed document's text: one paragraph a line. */
export function printedText(pages: PrintedPage[]): string {
  return paragraphs(withoutRunningLines(printedTables(withoutPageNumbers(pages.map(pageLines))))).join('\n')
}
