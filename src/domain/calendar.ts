import chineseDays from 'chinese-days'
import { addDays, DateRangeError, MAX_DAYS_WALKED } from './dates.js'

export type OverrideKind = 'workday' | 'holiday'

export interface WorkingCalendar {
  isWorkday(date: string): boolean
  /** The date `n` working days after `date` (n > 0) or before it (n < 0). */
  addWorkingDays(date: string, n: number): string
  /** Working days in (from, to]; negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number
  /** The n-th working day counting back from `date` itself (n = 1: `date` if it is a working day). */
  nthWorkingDayOnOrBefore(date: string, n: number): string
  firstWorkingDayOnOrAfter(date: string): string
}

// chinese-days covers the years the State Council has published (through 2026 at this version) and
// treats later years as plain weekends, until an admin enters that year's schedule as overrides.
/** A working-day calendar: statutory holidays and make-up days from `chinese-days`, then the admin's overrides. */
export function createCalendar(overrides: ReadonlyMap<string, OverrideKind> = new Map()): WorkingCalendar {
  const cache = new Map<string, boolean>()
  const isWorkday = (date: string): boolean => {
    let v = cache.get(date)
    if (v === undefined) {
      const o = overrides.get(date)
      v = o ? o === 'workday' : chineseDays.isWorkday(date)
      cache.set(date, v)
    }
    return v
  }
  // No year is without working days: a walk to the next one that takes longer has been given a broken calendar.
  const MAX_NON_WORKING_RUN = 366
  const step = (date: string, dir: 1 | -1): string => {
    let d = date
    for (let i = 0; i < MAX_NON_WORKING_RUN; i++) {
      d = addDays(d, dir)
      if (isWorkday(d)) return d
    }
    throw new DateRangeError(`No working day within ${MAX_NON_WORKING_RUN} days of ${date}`)
  }
  const boundedSteps = (n: number) => {
    if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_DAYS_WALKED) throw new DateRangeError(`${n} working days is beyond the calendar`)
    return Math.abs(n)
  }
  return {
    isWorkday,
    addWorkingDays(date, n) {
      let d = date
      for (let i = 0, steps = boundedSteps(n); i < steps; i++) d = step(d, n > 0 ? 1 : -1)
      return d
    },
    workingDaysBetween(from, to) {
      if (from === to) return 0
      const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1]
      let count = 0
      let walked = 0
      for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) {
        if (++walked > MAX_DAYS_WALKED) throw new DateRangeError(`${from} to ${to} is beyond the calendar`)
        if (isWorkday(d)) count++
      }
      return sign * count
    },
    nthWorkingDayOnOrBefore(date, n) {
      let d = isWorkday(date) ? date : step(date, -1)
      for (let i = 1, steps = boundedSteps(n); i < steps; i++) d = step(d, -1)
      return d
    },
    firstWorkingDayOnOrAfter(date) {
      return isWorkday(date) ? date : step(date, 1)
    },
  }
}
