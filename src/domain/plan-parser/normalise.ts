import { fold } from './fold.js'
import { UNIT_LABEL_LINE, isHeadingOnly, startsBlock } from './markers.js'
import { normaliseLabels } from './label-typography.js'
import { looksLikeUnit } from './unit-names.js'

/**
 * One physical line, trimmed; `pageBreak` marks form feeds and page-number lines (`- 3 -`, `第3页`);
 * `indent` is the display width of the whitespace trimmed from its start (a table's wrapped cell
 * text stands under its column).
 */
export interface RawLine { text: string; pageBreak: boolean; indent: number }

/** Display width in a monospaced layout: Chinese and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += ch === '\t' ? 8 : /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60\u3000-\u303f\u2014\u201c\u201d]/.test(ch) ? 2 : 1
  return width
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g
const MAX_PAGE_NUMBER = 16
const PAGE_NUMBER = /^[-—–―~·•\s]*(?:第\s*)?\d{1,3}\s*页?(?:\s*\/\s*\d{1,3}|\s*共\s*\d{1,3}\s*页)?[-—–―~·•\s]*$/

export function rawLines(text: string): RawLine[] {
  const lines: RawLine[] = []
  const source = text.replace(INVISIBLE, '').replace(/\r\n?|[\u2028\u2029\u0085\v]/g, '\n')
  for (const physical of source.split('\n')) {
    const pages = physical.split('\f')
    pages.forEach((part, i) => {
      if (i > 0) lines.push({ text: '', pageBreak: true, indent: 0 })
      const trimmed = normaliseLabels(part.trim())
      const indent = trimmed === '' ? 0 : displayWidth(/^\s*/.exec(part)![0])
      lines.push({ text: trimmed, pageBreak: trimmed !== '' && trimmed.length <= MAX_PAGE_NUMBER && PAGE_NUMBER.test(fold(trimmed)), indent })
    })
  }
  return lines
}

const SENTENCE_END = /[。!?;]$|[。!?]["”’)]$/
const OPEN_ENDING = /[,、:“(《—]$/
const CONTINUATION_START = /^[,、。;:!?)》”’%]/
const ROLE_WORD = /单位|部门|牵头|负责|配合|协办/

/** The line closes with a bracketed unit clause, as in `…六步工作法。(责任单位:县住建局)`. */
function endsWithRoleGroup(folded: string): boolean {
  if (!folded.endsWith(')')) return false
  let depth = 0
  for (let i = folded.length - 1; i >= 0; i--) {
    const ch = folded[i]
    if (ch === ')') depth++
    else if (ch === '(' && --depth === 0) return ROLE_WORD.test(folded.slice(i))
  }
  return false
}

function endsParagraph(tail: string): boolean {
  return SENTENCE_END.test(tail) || endsWithRoleGroup(tail)
}

/** What joining needs to know of the paragraph so far, without reading all of it again. */
interface Paragraph {
  /** Folded first line: its marker or label decides what the paragraph is. */
  first: string
  /** Folded end of the paragraph, long enough to hold a closing unit clause. */
  tail: string
  lines: number
}

const TAIL = 256

function shouldJoin(a: Paragraph, b: string, blankBetween: boolean, pageBetween: boolean): boolean {
  if (startsBlock(b)) return false
  if (CONTINUATION_START.test(b)) return true
  if (endsParagraph(a.tail) || (a.lines === 1 && isHeadingOnly(a.first))) return false
  if (UNIT_LABEL_LINE.test(a.first) && !/[、,]$/.test(a.tail)) return splitsUnitName(a.tail.slice(-32), b)
  if (blankBetween && !pageBetween && !OPEN_ENDING.test(a.tail)) return false
  return true
}

/** `责任单位:市住建局、市城` + `管局`: the break fell inside a unit name. */
function splitsUnitName(a: string, b: string): boolean {
  const head = /[^、,;:\s]+$/.exec(a)?.[0] ?? ''
  const tail = /^[^、,;。\s]+/.exec(b)?.[0] ?? ''
  return head !== '' && tail !== '' && tail.length <= 10 && looksLikeUnit(head + tail) && /[局委办厅部院署心府道司团镇乡区县队站所会处科室组门位]$/.test(head + tail)
}

const ASCII_WORD = /[A-Za-z0-9]/

function joinsWithSpace(a: string, b: string): boolean {
  return ASCII_WORD.test(a.slice(-1)) && /^[A-Za-z]/.test(b)
}

/**
 * Paragraph lines: a sentence broken across lines or pages is joined back; headings, items,
 * unit clauses and dates always start a new line.
 */
export function logicalLines(raw: RawLine[]): string[] {
  const out: string[] = []
  let current: string[] = []
  let paragraph: Paragraph = { first: '', tail: '', lines: 0 }
  let blank = false
  let page = false
  for (const line of raw) {
    if (line.pageBreak) { page = true; continue }
    if (line.text === '') { blank = true; continue }
    const folded = fold(line.text)
    if (current.length > 0 && shouldJoin(paragraph, folded, blank, page)) {
      const previous = current[current.length - 1]!
      current.push(joinsWithSpace(previous, line.text) ? ` ${line.text}` : line.text)
      paragraph = { first: paragraph.first, tail: (paragraph.tail + folded).slice(-TAIL), lines: paragraph.lines + 1 }
    } else {
      if (current.length > 0) out.push(current.join(''))
      current = [line.text]
      paragraph = { first: folded, tail: folded.slice(-TAIL), lines: 1 }
    }
    blank = false
    page = false
  }
  if (current.length > 0) out.push(current.join(''))
  return out
}
