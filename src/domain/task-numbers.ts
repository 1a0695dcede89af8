const SEGMENT = /[.．、-]/
export const DIGITS = /^\d+$/
const numericKey = (digits: string) => `0${digits.padStart(16, '0')}`

/**
 * A key that sorts task numbers as a document numbers them (2 before 10, 3.4 before 3.10, 3 before 3.1;
 * non-numeric parts after numeric ones, by code point) with plain string comparison.
 */
export function taskNumberKey(number: string): string {
  if (DIGITS.test(number)) return numericKey(number)
  return number.split(SEGMENT).map((s) => (DIGITS.test(s) ? numericKey(s) : `1${s}`)).join('\u0001')
}

/** Plain string order of two keys. */
export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Orders task numbers as a document does. */
export const compareTaskNumbers = (a: string, b: string) => byKey(taskNumberKey(a), taskNumberKey(b))
