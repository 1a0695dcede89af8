/** Dates in the domain are calendar days in Asia/Shanghai, written YYYY-MM-DD. */
export const DOMAIN_TIME_ZONE = 'Asia/Shanghai'

const SHANGHAI_UTC_OFFSET_MS = 8 * 60 * 60 * 1000

/**
 * China has kept UTC+8 without daylight saving since 1991, so the day is arithmetic. (Intl formatting gave the
 * same answers but cost more on every request than serving a cached page of tasks.)
 */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_UTC_OFFSET_MS).toISOString().slice(0, 10)
}

/** The wall-clock time in Shanghai, `YYYY-MM-DDTHH:MM:SS` (no zone suffix): file names and people read it. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_UTC_OFFSET_MS).toISOString().slice(0, 19)
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The years the service deals in. Every date it accepts lies in them (the request schemas check it once,
 * as format `date`), so loops over days have a known end and string order is date order.
 */
export const YEAR_MIN = 2000
export const YEAR_MAX = 2100
export const DATE_MIN = `${YEAR_MIN}-01-01`
export const DATE_MAX = `${YEAR_MAX}-12-31`
/** More days than any loop over the service's dates can need: the whole range once. */
export const MAX_DAYS_WALKED = 366 * (YEAR_MAX - YEAR_MIN + 1)

/** A real calendar date written YYYY-MM-DD (years 0100–9999). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

/** A real calendar date in the service's years, DATE_MIN … DATE_MAX. */
export function isDomainDate(value: string): boolean {
  return isIsoDate(value) && value >= DATE_MIN && value <= DATE_MAX
}

/** A month YYYY-MM in the service's years. */
export function isDomainMonth(value: string): boolean {
  return value.length === 7 && isDomainDate(`${value}-01`)
}

/** Thrown by date arithmetic that would leave the years 0001–9999, where YYYY-MM-DD strings stop sorting as dates. */
export class DateRangeError extends RangeError {
  override name = 'DateRangeError'
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  const out = d.toISOString().slice(0, 10)
  if (!ISO_DATE.test(out) || out < '0001-01-01') throw new DateRangeError(`${date} + ${days} days leaves the calendar`)
  return out
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}
