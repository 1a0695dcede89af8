/** Dates in the domain are calendar days in Asia/Shanghai, written YYYY-MM-DD. */
export const DOMAIN_TIME_ZONE = 'Asia/Shanghai'

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: DOMAIN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

export function shanghaiDate(instant: Date): string {
  return shanghaiDay.format(instant)
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
