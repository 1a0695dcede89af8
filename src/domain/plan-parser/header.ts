import { isClose, isOpen } from './brackets.js'
import { fold } from './fold.js'
import { isDateLine, lineMarker } from './markers.js'
import type { RawLine } from './normalise.js'
import { chineseNumber, chineseYear } from './numerals.js'

export interface PlanHeader {
  title: string
  docNumber: string | null
  issuer: string | null
  issuedOn: string | null
  /** Years the title itself gives: a range `(2021年—2025年)` or a single `2024年…方案`. */
  titleYears: { start: number; end: number } | null
}

interface Line { text: string; folded: string; index: number }

function lines(raw: RawLine[]): Line[] {
  const out: Line[] = []
  raw.forEach((r, index) => {
    if (r.text !== '' && !r.pageBreak) out.push({ text: r.text, folded: fold(r.text), index })
  })
  return out
}

/** Lines before the body: everything up to the first heading or numbered item. */
function headerLines(all: Line[]): Line[] {
  const end = all.findIndex((l) => {
    const marker = lineMarker(l.folded)
    return marker !== null && marker.rank < 4
  })
  return end === -1 ? all : all.slice(0, end)
}

const DOC_NUMBER = /[〔[(]\s*(?:19|20)\d\d\s*[〕\])]\s*\d{1,4}\s*号/g
const HAS_DOC_NUMBER = new RegExp(DOC_NUMBER.source)
const CJK = /[\u4e00-\u9fff]/
const MAX_ISSUER_CODE = 10

function depthBefore(folded: string, at: number): number {
  let depth = 0
  for (let i = 0; i < at; i++) {
    if (isOpen(folded[i])) depth++
    else if (isClose(folded[i])) depth = Math.max(0, depth - 1)
  }
  return depth
}

/** 北政办发〔2021〕60号: the issuer code before the bracketed year, not a document cited in brackets. */
function docNumberIn(line: Line): string | null {
  for (const m of line.folded.matchAll(DOC_NUMBER)) {
    let start = m.index
    while (start > 0 && line.folded[start - 1] === ' ') start--
    const codeEnd = start
    while (start > 0 && codeEnd - start < MAX_ISSUER_CODE && CJK.test(line.folded[start - 1]!)) start--
    const code = line.folded.slice(start, codeEnd)
    const cut = Math.max(code.lastIndexOf('知'), code.lastIndexOf('的'), code.lastIndexOf('》'))
    if (cut !== -1) start += cut + 1
    if (codeEnd - start < 2 || depthBefore(line.folded, start) > 0) continue
    return line.text.slice(start, m.index + m[0].length).replace(/\s+/g, '')
  }
  return null
}

const NUMERIC_DATE = /^[(]?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[)]?$/
const WRITTEN_DATE = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/

function iso(year: number, month: number, day: number): string | null {
  if (!Number.isFinite(year) || month < 1 || month > 12 || day < 1) return null
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function dateOfLine(folded: string): string | null {
  const numeric = NUMERIC_DATE.exec(folded)
  if (numeric) return iso(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]))
  const written = WRITTEN_DATE.exec(folded)
  if (written) return iso(chineseYear(written[1]!), chineseNumber(written[2]!), chineseNumber(written[3]!))
  return null
}

function dateField(all: Line[], name: string): string | null {
  const re = new RegExp(`${name}\\s*:\\s*(\\d{4})\\s*[-年./]\\s*(\\d{1,2})\\s*[-月./]\\s*(\\d{1,2})`)
  for (const line of all) {
    const m = re.exec(line.folded)
    if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  }
  return null
}

const ISSUER = /^[\u4e00-\u9fff()]{2,30}(?:办公室|办公厅|人民政府|政府|委员会|局|委|厅|办|部|中心|指挥部|领导小组|管委会|办事处|公司)$/

function issuerBefore(all: Line[], dateAt: number): string | null {
  const previous = all[dateAt - 1]
  return previous && ISSUER.test(previous.folded.replace(/\s+/g, '')) ? previous.text.replace(/\s+/g, '') : null
}

/** 北票市人民政府办公室关于印发…的通知 → 北票市人民政府办公室 */
function issuerOfNotice(header: Line[]): string | null {
  for (const line of header) {
    const at = line.folded.indexOf('关于')
    if (at <= 0 || !/印发|转发|通知/.test(line.folded.slice(at))) continue
    const before = line.folded.slice(0, at)
    const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf(':'), before.lastIndexOf('号')) + 1
    const candidate = line.text.slice(start, at).trim()
    if (ISSUER.test(fold(candidate))) return candidate
  }
  return null
}

const PLAN_WORD = /(?:计划|方案|规划|纲要|意见|要点|清单|措施|办法|细则|任务分工|安排|行动)(?:\s*\([^()]*\))?$/
const YEAR_RANGE_LINE = /^\(\s*\d{4}\s*年?\s*[-—–~至到]+\s*\d{4}\s*年?\s*\)$/

const NOT_A_TITLE = /印发|转发|通知|〔|[,;。:]|^附件|^\(.*\)$/
const titleLike = (f: string) => f.length >= 2 && f.length <= 80 && !NOT_A_TITLE.test(f) && !isDateLine(f) && !ISSUER.test(f)

/** The plan's own title: the last title-like line before the body, with a title broken over two lines and a year range under it joined. */
function planTitle(header: Line[]): string | null {
  let found: string | null = null
  header.forEach((line, i) => {
    const f = line.folded
    if (f.length < 4 || !titleLike(f) || !PLAN_WORD.test(f)) return
    const previous = header[i - 1]
    const next = header[i + 1]
    const head = previous && previous.index === line.index - 1 && titleLike(previous.folded) && !PLAN_WORD.test(previous.folded) && previous.folded.length <= 40 ? previous.text : ''
    found = head + line.text + (next && YEAR_RANGE_LINE.test(next.folded) ? next.text : '')
  })
  return found
}

/** 关于印发《X》的通知 / 关于印发X的通知 → X */
function titleOfNotice(header: Line[]): string | null {
  for (const line of header) {
    const m = /印发《([^》]+)》|印发(.+?)的通知/.exec(line.folded)
    if (!m) continue
    const start = m.index + (m[1] !== undefined ? 3 : 2)
    const length = (m[1] ?? m[2]!).length
    return line.text.slice(start, start + length)
  }
  return null
}

const TITLE_RANGE = /(\d{4})\s*年?\s*[-—–~至到]+\s*(\d{4})\s*年?/
const TITLE_YEAR = /(20\d\d)\s*年/

function yearsOf(title: string): PlanHeader['titleYears'] {
  const folded = fold(title)
  const range = TITLE_RANGE.exec(folded)
  if (range) {
    const start = Number(range[1])
    const end = Number(range[2])
    if (start <= end && end - start <= 20) return { start, end }
  }
  const single = TITLE_YEAR.exec(folded)
  return single ? { start: Number(single[1]), end: Number(single[1]) } : null
}

export function parseHeader(raw: RawLine[]): PlanHeader {
  const all = lines(raw)
  const header = headerLines(all)

  let issuedOn: string | null = null
  let issuer: string | null = null
  const dateAt = header.findIndex((l) => isDateLine(l.folded) && dateOfLine(l.folded) !== null)
  if (dateAt !== -1) {
    issuedOn = dateOfLine(header[dateAt]!.folded)
    issuer = issuerBefore(header, dateAt)
  }
  issuedOn ??= dateField(all, '成文日期')
  if (issuedOn === null) {
    for (let i = all.length - 1; i >= 0 && issuedOn === null; i--) {
      if (isDateLine(all[i]!.folded) && dateOfLine(all[i]!.folded) !== null && issuerBefore(all, i) !== null) {
        issuedOn = dateOfLine(all[i]!.folded)
        issuer ??= issuerBefore(all, i)
      }
    }
  }
  issuedOn ??= dateField(all, '发布日期')
  issuer ??= issuerOfNotice(header)
  if (issuer === null) {
    const field = header.map((l) => /发文机关\s*:\s*(\S+)/.exec(l.folded)).find((m) => m)
    if (field) issuer = field[1]!
  }

  let docNumber: string | null = null
  for (const line of header) {
    docNumber = docNumberIn(line)
    if (docNumber) break
  }

  const notice = header.find((l) => /印发|转发/.test(l.folded))
  const title = planTitle(header) ?? titleOfNotice(header) ?? header.find((l) => !HAS_DOC_NUMBER.test(l.folded))?.text ?? ''
  const titleYears = yearsOf(title) ?? (notice ? yearsOf(notice.text) : null)
  return { title, docNumber, issuer, issuedOn, titleYears }
}
