import { isClose, isOpen } from './brackets.js'
import { fold } from './fold.js'
import { trimEndOf, trimStartOf } from './trim.js'
import { chineseCount } from './numerals.js'

export interface ParsedTarget {
  year: number
  description: string
  value?: number
  measure?: string
  /** YYYY-MM-DD; left out, the due date is 31 December of the year. */
  dueOn?: string
}

const FIVE_YEAR_PERIODS: Record<string, number> = { 十三五: 2020, 十四五: 2025, 十五五: 2030 }

/** A year opening a clause; one outside the plan's years only ends the clause before it. */
interface Anchor { year: number; start: number; bodyStart: number; inPlan: boolean }

const YEAR = /(20\d\d)\s*年/g
const FIVE_YEAR = /["“']?(十三五|十四五|十五五)["”']?\s*(?:期间|时期|期末|末|内)/g
const LEAD_IN = /[\n。,;:!?\s(“](?:力争|争取|确保|计划|预计|要|将|并|同时|其中)?(?:在|于|到|至|截至|截止到|截止)?$/
const AFTER_YEAR = /(?:年)?(?:底|末|度)?(?:前|之前|以前|内|期间|当年)?\s*[,:]?\s*/y
const RANGE_AFTER = /^\s*[-—–~至到]+\s*\d{4}/
const RANGE_BEFORE = /\d{4}\s*年?\s*[-—–~至到]+\s*$/
const NOT_A_TARGET_AFTER = /^(?:起|开始|以来|来|的)/
const DATE_AFTER = /^\s*\d{1,2}\s*月/
const CLAUSE_END = /[。;!?\n]/
const MAX_LOOK_BACK = 8

/** Depth of brackets (including 《》) at each index, so years in titles and asides are skipped. */
function bracketDepths(folded: string): Uint16Array {
  const depths = new Uint16Array(folded.length + 1)
  let depth = 0
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]
    if (ch === '\n') depth = 0
    else if (isOpen(ch)) depth++
    else if (isClose(ch) && depth > 0) depth--
    depths[i + 1] = depth
  }
  return depths
}

function leadIn(folded: string, at: number): number | null {
  const from = Math.max(0, at - MAX_LOOK_BACK)
  const before = (from === 0 ? '\n' : '') + folded.slice(from, at)
  const m = LEAD_IN.exec(before)
  return m ? at - (m[0].length - 1) : null
}

function anchors(folded: string, minYear: number | null): Anchor[] {
  const depths = bracketDepths(folded)
  const found: Anchor[] = []
  for (const m of folded.matchAll(YEAR)) {
    const at = m.index
    const year = Number(m[1])
    const after = at + m[0].length
    if (depths[at] !== 0) continue
    const rest = folded.slice(after, after + 8)
    if (DATE_AFTER.test(rest) || RANGE_AFTER.test(rest) || RANGE_BEFORE.test(folded.slice(Math.max(0, at - 8), at))) continue
    const start = leadIn(folded, at)
    if (start === null) continue
    AFTER_YEAR.lastIndex = after
    const suffix = AFTER_YEAR.exec(folded)
    const bodyStart = after + (suffix ? suffix[0].length : 0)
    if (NOT_A_TARGET_AFTER.test(folded.slice(bodyStart, bodyStart + 2))) continue
    found.push({ year, start, bodyStart, inPlan: minYear === null || (year >= minYear && year <= minYear + 30) })
  }
  for (const m of folded.matchAll(FIVE_YEAR)) {
    if (depths[m.index] !== 0) continue
    const start = leadIn(folded, m.index)
    if (start === null) continue
    let bodyStart = m.index + m[0].length
    while (/[\s,:]/.test(folded[bodyStart] ?? '')) bodyStart++
    const year = FIVE_YEAR_PERIODS[m[1]!]!
    found.push({ year, start, bodyStart, inPlan: minYear === null || year >= minYear })
  }
  return found.sort((a, b) => a.start - b.start)
}

const MEASURE = '(?:万|亿|千)?(?:平方米|平方公里|平方千米|立方米|公里|千米|公顷|亩|个百分点|个|处|座|条|段|户|套|栋|幢|间|家|所|部|辆|台|张|床|项|批|片|棵|株|吨|人次|人|名|次|场|块|盏|根|眼|只|份|宗|元|瓦|米|km|%)'
/** A count in digits (`40个`) or in Chinese numerals (`三处`, `十二块`); `一次性` is no count. */
const QUANTITIES = new RegExp(`(?<![\\d.第])(?:(\\d+(?:\\.\\d+)?)|(?<![一二两三四五六七八九十百千〇零])([一二两三四五六七八九十百千〇零]{1,6}))\\s*(${MEASURE})(?!性)`, 'g')
const EDGE_PUNCTUATION = ',:;、。,:;'

/**
 * The outcomes of one year's clause. Each counted phrase (`改造老旧小区3.5万户`) is a target of its
 * own; a clause without a count is one target described by the whole clause.
 */
function describe(text: string, folded: string, start: number, end: number): Omit<ParsedTarget, 'year'>[] {
  const f = folded.slice(start, end)
  if (!/[\u4e00-\u9fff].*[\u4e00-\u9fff]/.test(f)) return []
  const outcomes: Omit<ParsedTarget, 'year'>[] = []
  let from = start
  for (const q of f.matchAll(QUANTITIES)) {
    const qStart = start + q.index
    const value = q[1] !== undefined ? Number(q[1]) : chineseCount(q[2]!)
    if (qStart < from || !Number.isFinite(value)) continue
    const measureEnd = qStart + q[0].length
    const qEnd = measureEnd + (/^(?:以上|左右|以内)/.exec(folded.slice(measureEnd, end))?.[0].length ?? 0)
    const phrase = folded.slice(qEnd, end).search(/[,;]/)
    const phraseEnd = phrase === -1 ? end : qEnd + phrase
    outcomes.push({
      description: cleanDescription(text.slice(from, qStart) + text.slice(qEnd, phraseEnd)),
      value,
      measure: text.slice(measureEnd - q[3]!.length, measureEnd),
    })
    from = phraseEnd + 1
  }
  return outcomes.length > 0 ? outcomes : [{ description: cleanDescription(text.slice(start, end)) }]
}

function cleanDescription(text: string): string {
  return trimStartOf(trimEndOf(text.replace(/\n/g, ''), EDGE_PUNCTUATION), EDGE_PUNCTUATION)
}

/**
 * Outcomes the text ties to a year: `2022年改造40个,2023年改造45个`, `到2025年,建成1个…`,
 * `“十四五”期间,…` (2025). Years before `minYear` (baselines, history) are ignored.
 */
export function findTargets(text: string, minYear: number | null): ParsedTarget[] {
  const folded = fold(text)
  if (!/\d/.test(folded) && !folded.includes('五')) return []
  const list = anchors(folded, minYear)
  const targets: ParsedTarget[] = []
  list.forEach((anchor, i) => {
    if (!anchor.inPlan) return
    const next = list[i + 1]
    let end = next ? next.start : folded.length
    const stop = folded.slice(anchor.bodyStart, end).search(CLAUSE_END)
    if (stop !== -1) end = anchor.bodyStart + stop
    if (end <= anchor.bodyStart) return
    for (const outcome of describe(text, folded, anchor.bodyStart, end)) {
      if (outcome.description !== '') targets.push({ year: anchor.year, ...outcome })
    }
  })
  return targets
}

const FULL_DATE = /(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|(底|末))|(20\d\d)[-./](\d{1,2})[-./](\d{1,2})(?!\d)/g
const MONTH_DAY = /(?<![\d年.\-/])(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前|以前)/g
const YEAR_END = /(20\d\d)\s*年\s*(?:年底|底|末)/g
const MONTH = /(20\d\d)\s*年\s*(\d{1,2})\s*月(?!\s*\d)/g
const BARE_YEAR = /^(20\d\d)\s*年?\s*(?:前|之前|以前|内)?(?:完成)?$/
const DEADLINE_AFTER = /^\s*(?:前|之前|以前|止|为止|完成|截止|底前)/
const DEADLINE_BEFORE = /(?:于|在|截至|截止|到|至|前)\s*$/

function isoDate(year: number, month: number, day: number | 'end'): string | null {
  if (month < 1 || month > 12) return null
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const d = day === 'end' ? last : day
  if (d < 1 || d > last) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export interface Deadlines { deadline: string | null; found: string[] }

/**
 * Full dates the text sets as limits (`2021年11月30日前`, `2022年6月底前`, `于8月20日前`);
 * values of 完成时限 fields count whatever their wording. The latest one is the deadline.
 */
export function findDeadlines(text: string, timeLimits: string[], defaultYear: number | null): Deadlines {
  const found = new Set<string>()
  const scan = (source: string, anyDate: boolean) => {
    const folded = fold(source)
    if (!/\d/.test(folded)) return
    for (const m of folded.matchAll(FULL_DATE)) {
      const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 4)
      const before = folded.slice(Math.max(0, m.index - 3), m.index)
      const isLimit = anyDate || m[4] !== undefined || DEADLINE_AFTER.test(after) || DEADLINE_BEFORE.test(before)
      if (!isLimit) continue
      const date = m[1]
        ? isoDate(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 'end')
        : isoDate(Number(m[5]), Number(m[6]), Number(m[7]))
      if (date) found.add(date)
    }
    if (defaultYear !== null) {
      for (const m of folded.matchAll(MONTH_DAY)) {
        const date = isoDate(defaultYear, Number(m[1]), Number(m[2]))
        if (date) found.add(date)
      }
    }
    if (anyDate) {
      for (const m of folded.matchAll(YEAR_END)) found.add(`${m[1]}-12-31`)
      for (const m of folded.matchAll(MONTH)) {
        const date = isoDate(Number(m[1]), Number(m[2]), 'end')
        if (date) found.add(date)
      }
      const bare = BARE_YEAR.exec(folded.trim())
      if (bare) found.add(`${bare[1]}-12-31`)
    }
  }
  scan(text, false)
  for (const limit of timeLimits) scan(limit, true)
  const all = [...found].sort()
  return { deadline: all.at(-1) ?? null, found: all }
}
