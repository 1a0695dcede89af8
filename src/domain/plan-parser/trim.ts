/**
 * Trimming a set of characters. A regex like /[,。\s]+$/ retries from every character of a long
 * run that does not reach the end, which is quadratic; these walk from the ends instead.
 */
const WHITESPACE = ' \t\n\r\f\v\u00a0\u3000'

export function trimEndOf(text: string, chars: string): string {
  let end = text.length
  while (end > 0 && (chars.includes(text[end - 1]!) || WHITESPACE.includes(text[end - 1]!))) end--
  return end === text.length ? text : text.slice(0, end)
}

export function trimStartOf(text: string, chars: string): string {
  let start = 0
  while (start < text.length && (chars.includes(text[start]!) || WHITESPACE.includes(text[start]!))) start++
  return start === 0 ? text : text.slice(start)
}
