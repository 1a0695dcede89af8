import { balanced } from './brackets.js'
import { chineseNumber, circledNumber } from './numerals.js'

/**
 * Heading and item markers, outermost first: 第一章 / 第一节 / 一、 / (一) / 1. / 1.1 / 1.1.1 / (1) / ①.
 * All patterns run on folded text. Dotted numbers rank between `1.` and `(1)`, deeper per dot.
 */
export type Rank = number

export interface Marker { rank: Rank; label: string; ordinal: number; length: number }

const DOTTED = -1
const CN = '[一二三四五六七八九十]{1,3}'
const PATTERNS: { rank: Rank; re: RegExp }[] = [
  { rank: 0, re: new RegExp(`^第(${CN})(?:章|部分|篇)[\\s、.:]*`) },
  { rank: 0.5, re: new RegExp(`^第(${CN})节[\\s、.:]*`) },
  { rank: 1, re: new RegExp(`^(${CN})\\s*[、.]\\s*`) },
  { rank: 2, re: new RegExp(`^\\(\\s*(${CN})\\s*\\)[\\s、.]*`) },
  { rank: 3, re: /^(\d{1,3})\s*[.、](?!\d)\s*/ },
  { rank: DOTTED, re: /^(\d{1,2}(?:\.\d{1,3}){1,3})(?!\d|\.\d)(?!\s*(?:[万亿千百%倍个米元吨亩户套栋辆]|平方|立方|公里|公顷))[\s、.]*/ },
  // `1-1.` / `1-1、` / `1-1 `: sections' items numbered with a hyphen; not a range (`5-10分钟`, `1-3月`).
  { rank: DOTTED, re: /^(\d{1,2}(?:-\d{1,3}){1,2})(?!\d|-\d)(?=\s*[.、]|\s+\S)(?!\s*(?:[万亿千百%倍个米元吨亩户套栋辆年月日天号期批]|平方|立方|公里|公顷|分钟|小时|周))[\s、.]*/ },
  { rank: 4, re: /^(?:\(\s*(\d{1,3})\s*\)|(\d{1,3})\))[\s、.]*/ },
  { rank: 5, re: /^([\u2460-\u2473])[\s、.]*/ },
]

/** Single-character markers: ㈠ (rank 2), ⒈ (rank 3), ⑴ (rank 4), as the ordinal they stand for. */
const SINGLE: { rank: Rank; first: number; count: number }[] = [
  { rank: 2, first: 0x3220, count: 10 },
  { rank: 3, first: 0x2488, count: 20 },
  { rank: 4, first: 0x2474, count: 20 },
]
const CHINESE_DIGITS = '一二三四五六七八九十'

/** `3.1.2` or `3-1`: its ordinal is the last number, its rank 3.2 (below `1.`, above `(1)`). */
function dotted(label: string, length: number): Marker {
  const parts = label.split(/[.-]/)
  return { rank: 3 + (parts.length - 1) / 10, label, ordinal: Number(parts.at(-1)), length }
}

export function lineMarker(folded: string): Marker | null {
  const code = folded.charCodeAt(0)
  for (const { rank, first, count } of SINGLE) {
    if (code < first || code >= first + count) continue
    const ordinal = code - first + 1
    const length = 1 + (/^[\s、.]*/.exec(folded.slice(1, 4))?.[0].length ?? 0)
    return { rank, label: rank === 2 ? CHINESE_DIGITS[ordinal - 1]! : String(ordinal), ordinal, length }
  }
  for (const { rank, re } of PATTERNS) {
    const m = re.exec(folded)
    if (!m) continue
    const label = m[1] ?? m[2] ?? ''
    if (rank === DOTTED) return dotted(label, m[0].length)
    const ordinal = rank === 5 ? circledNumber(label) : chineseNumber(label)
    if (!Number.isFinite(ordinal)) continue
    return { rank, label, ordinal, length: m[0].length }
  }
  return null
}

/** A line that opens a unit-role clause: 责任单位:… 牵头单位:… (folded). */
export const UNIT_LABEL_LINE = /^(?:牵头|责任|配合|协办|主办|主责|承办|实施|协助|协作|协同|参与|参加|落实)(?:单位|部门|主体)/
const TIME_LABEL_LINE = /^(?:完成时限|完成时间|完成期限|时间节点|时限要求|办结时限)/

export const ATTACHMENT_LINE = /^附件(?:\s*[\d一二三四五六七八九十]+)?(?:\s*[::].*|下载.*)?$|^抄送[::]/

const FULL_DATE_LINE = /^[(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[)]?$|^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$/
export const isDateLine = (folded: string): boolean => FULL_DATE_LINE.test(folded)

/** A line that must start a new paragraph rather than continue the one before. */
export function startsBlock(folded: string): boolean {
  return lineMarker(folded) !== null || UNIT_LABEL_LINE.test(folded) || TIME_LABEL_LINE.test(folded) || ATTACHMENT_LINE.test(folded) || isDateLine(folded)
}

const MAX_HEADING_CHARS = 20

/** A short marked line with no sentence punctuation: a heading whose body starts on the next line. */
export function isHeadingOnly(folded: string): boolean {
  const marker = lineMarker(folded)
  if (!marker || folded.length - marker.length > MAX_HEADING_CHARS) return false
  const rest = folded.slice(marker.length)
  return !/[,。;]/.test(rest) && balanced(rest)
}
