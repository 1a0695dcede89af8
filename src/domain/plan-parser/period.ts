import { isClose, isOpen } from './brackets.js'
import { fold } from './fold.js'
import type { PlanHeader } from './header.js'

const BY_YEAR = /(?:到|至|截至|截止到|截止)\s*(20\d\d)\s*年/g
const FIVE_YEAR_PERIOD = /十四五["”']?\s*(?:期间|时期|期末|末)/
const MAX_PLAN_YEARS = 15

export const yearOf = (date: string | null): number | null => (date ? Number(date.slice(0, 4)) : null)

/** First year of the plan: the title's years, else the year it was issued, else the 文号's year. */
export function startYear(header: PlanHeader): number | null {
  if (header.titleYears) return header.titleYears.start
  const issued = yearOf(header.issuedOn)
  if (issued !== null) return issued
  const m = header.docNumber ? /(?:19|20)\d\d/.exec(header.docNumber) : null
  return m ? Number(m[0]) : null
}

/**
 * Last year of the plan: the title's range when it has one, else the furthest `到YYYY年` of the
 * body (outside cited titles), “十四五” (2025) or target year, never before the start.
 */
export function endYear(header: PlanHeader, start: number | null, body: string, targetYears: number[]): number | null {
  if (header.titleYears && header.titleYears.end > header.titleYears.start) return header.titleYears.end
  if (start === null) return null
  const folded = fold(body)
  let end = start
  const consider = (year: number) => {
    if (year > end && year <= start + MAX_PLAN_YEARS) end = year
  }
  let depth = 0
  let scanned = 0
  for (const m of folded.matchAll(BY_YEAR)) {
    for (; scanned < m.index; scanned++) {
      const ch = folded[scanned]
      if (ch === '\n') depth = 0
      else if (isOpen(ch)) depth++
      else if (isClose(ch) && depth > 0) depth--
    }
    if (depth === 0) consider(Number(m[1]))
  }
  if (FIVE_YEAR_PERIOD.test(folded)) consider(2025)
  for (const year of targetYears) consider(year)
  return end
}
