import { isClose, isOpen } from './brackets.js'
import { fold } from './fold.js'
import { trimEndOf } from './trim.js'
import type { Clauses } from './structure.js'
import type { UnitClause } from './units.js'

export interface Cleaned { text: string; clauses: UnitClause[] }

/** The text with unit-only clauses cut out, and a separator left dangling before a cut dropped. */
function withoutClauses(text: string, clauses: UnitClause[]): string {
  let out = ''
  let from = 0
  for (const clause of clauses.filter((c) => c.removable)) {
    if (clause.start < from) continue
    out += text.slice(from, clause.start)
    from = clause.end
    let at = from
    while (text[at] === ' ' || text[at] === '\t' || text[at] === '\u3000') at++
    const next = text[at]
    if (next === undefined || next === '\n' || next === '。') out = trimEndOf(out, ',,、;;')
  }
  out += text.slice(from)
  return out.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n')
}

/** A task's or heading's text without its unit clauses, and the clauses. */
export function clean(text: string, read: Clauses): Cleaned {
  const clauses = read(text)
  return { text: withoutClauses(text, clauses), clauses }
}

const TRAILING_PUNCTUATION = '。,,;;::、'
const TITLE_COLON_MAX = 25

/** The first sentence (without its 。) and the rest. */
export function splitTitle(text: string): { title: string; description: string } {
  const newline = text.indexOf('\n')
  const first = newline === -1 ? text : text.slice(0, newline)
  const rest = newline === -1 ? '' : text.slice(newline + 1)
  const folded = fold(first)
  let depth = 0
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!
    if (isOpen(ch)) depth++
    else if (isClose(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && (ch === '。' || ch === '!' || ch === '?')) {
      const description = [first.slice(i + 1).trim(), rest].filter((s) => s !== '').join('\n')
      return { title: first.slice(0, i).trim(), description }
    } else if (depth === 0 && ch === ':' && i <= TITLE_COLON_MAX && !/[,、;]/.test(folded.slice(0, i))) {
      const description = [first.slice(i + 1).trim(), rest].filter((s) => s !== '').join('\n')
      return { title: first.slice(0, i).trim(), description }
    }
  }
  return { title: trimEndOf(first, TRAILING_PUNCTUATION), description: rest }
}
