const DIGITS: Record<string, number> = Object.fromEntries(
  [...'〇○零一二三四五六七八九'].map((ch, i) => [ch, Math.max(0, i - 2)]),
)
DIGITS['两'] = 2

/** 一 … 九十九 (and plain digits) → number; NaN when the text is not a numeral. */
export function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text)
  if (text === '') return NaN
  const ten = text.indexOf('十')
  if (ten === -1) return text.length === 1 ? (DIGITS[text] ?? NaN) : NaN
  const tens = ten === 0 ? 1 : text.length > 0 && ten === 1 ? (DIGITS[text[0]!] ?? NaN) : NaN
  const rest = text.slice(ten + 1)
  const ones = rest === '' ? 0 : rest.length === 1 ? (DIGITS[rest] ?? NaN) : NaN
  return tens * 10 + ones
}

const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** A count in Chinese numerals, as plans write small quantities: 三 → 3, 十二 → 12, 两百 → 200, 一百零五 → 105. NaN otherwise. */
export function chineseCount(text: string): number {
  let total = 0
  let digit: number | null = null
  for (const ch of text) {
    const unit = UNITS[ch]
    if (unit !== undefined) {
      total += (digit ?? 1) * unit
      digit = null
    } else if (DIGITS[ch] !== undefined) {
      if (digit !== null && digit !== 0) return NaN
      digit = DIGITS[ch]!
    } else return NaN
  }
  total += digit ?? 0
  return text === '' || total === 0 ? NaN : total
}

/** 二〇二一 → 2021: a year written digit by digit. */
export function chineseYear(text: string): number {
  if (/^\d{4}$/.test(text)) return Number(text)
  let year = 0
  for (const ch of text) {
    const d = DIGITS[ch]
    if (d === undefined) return NaN
    year = year * 10 + d
  }
  return text.length === 4 ? year : NaN
}

const CIRCLED_ONE = 0x2460

/** ① → 1 */
export function circledNumber(ch: string): number {
  return ch.charCodeAt(0) - CIRCLED_ONE + 1
}

/** 1 … 99 → 一 … 九十九 */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九'
  if (n < 10) return digits[n]!
  const tens = Math.floor(n / 10)
  return `${tens === 1 ? '' : digits[tens]}十${n % 10 === 0 ? '' : digits[n % 10]}`
}
