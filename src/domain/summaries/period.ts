import { YEAR_MAX, YEAR_MIN } from '../dates.js'

export const SUMMARY_KINDS = ['monthly', 'quarterly', 'annual'] as const
export type SummaryKind = (typeof SUMMARY_KINDS)[number]

/** A summary's period: a month `2026-06`, a quarter `2026-Q2` or a year `2026`. */
export interface SummaryPeriod {
  kind: SummaryKind
  /** As written: `2026-06`, `2026-Q2`, `2026`. */
  label: string
  year: number
  /** First and last calendar day, YYYY-MM-DD. */
  from: string
  to: string
  /** The reporting periods (months, YYYY-MM) it covers, in order. */
  months: string[]
  /** In Chinese, as a title writes it: 2026年6月, 2026年第二季度, 2026年. */
  name: string
}

export const PERIOD_FORMATS: Record<SummaryKind, { pattern: RegExp; example: string }> = {
  monthly: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, example: '2026-06' },
  quarterly: { pattern: /^(\d{4})-Q([1-4])$/, example: '2026-Q2' },
  annual: { pattern: /^(\d{4})$/, example: '2026' },
}

const QUARTER_NAMES = ['一', '二', '三', '四']
const pad2 = (n: number) => String(n).padStart(2, '0')
const monthLabel = (year: number, month: number) => `${year}-${pad2(month)}`

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${monthLabel(year, month)}-${pad2(day)}`
}

function span(kind: SummaryKind, label: string, year: number, firstMonth: number, monthCount: number, name: string): SummaryPeriod {
  const months = Array.from({ length: monthCount }, (_, i) => monthLabel(year, firstMonth + i))
  return { kind, label, year, from: `${months[0]}-01`, to: lastDayOfMonth(year, firstMonth + monthCount - 1), months, name }
}

/** The period `label` names for a summary of `kind`, or null when it is not written as that kind expects. */
export function parsePeriod(kind: SummaryKind, label: string): SummaryPeriod | null {
  const m = PERIOD_FORMATS[kind].pattern.exec(label)
  if (!m) return null
  const year = Number(m[1])
  if (year < YEAR_MIN || year > YEAR_MAX) return null
  if (kind === 'monthly') {
    const month = Number(m[2])
    return span(kind, label, year, month, 1, `${year}年${month}月`)
  }
  if (kind === 'quarterly') {
    const q = Number(m[2])
    return span(kind, label, year, (q - 1) * 3 + 1, 3, `${year}年第${QUARTER_NAMES[q - 1]}季度`)
  }
  return span(kind, label, year, 1, 12, `${year}年`)
}

/** The last day of reporting period `month` (YYYY-MM). */
export const monthEnd = (month: string) => lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))

/** The day a summary speaks for: the period's last day, or today while the period is still running. */
export const summaryAsOf = (period: SummaryPeriod, today: string) => (today < period.to ? today : period.to)
