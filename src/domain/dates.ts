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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}
