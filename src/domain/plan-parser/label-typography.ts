import { fold } from './fold.js'
import { LABEL_WORDS } from './roles.js'

/**
 * Labels set in other typography, rewritten as `责任单位:` so the rest of the parser sees one form:
 * spaces between their characters or before the colon (`责 任 单 位:`, `牵头单位 :`) and
 * lenticular brackets (`【责任单位】`). Nothing else in the line changes.
 */

/** A lone character between spaces, a space before a colon, or a bracket: cheap to test on every line. */
const MAY_NEED = /[\u4e00-\u9fff] +[\u4e00-\u9fff] |[\u4e00-\u9fff] +:|\[/
const LABEL = [...LABEL_WORDS].sort((a, b) => b.length - a.length).map((label) => [...label].join(' *')).join('|')
const TYPESET_LABEL = new RegExp(`\\[ *(?:${LABEL}) *\\] *:?|(?:${LABEL})(?: *:)?`, 'g')

export function normaliseLabels(line: string): string {
  const folded = fold(line)
  if (!MAY_NEED.test(folded)) return line
  let out = ''
  let from = 0
  for (const m of folded.matchAll(TYPESET_LABEL)) {
    if (!m[0].includes(' ') && !m[0].startsWith('[')) continue
    const label = line.slice(m.index, m.index + m[0].length).replace(/[\s\u3000[\]【】::]+/g, '')
    // `【牵头单位】甲【配合单位】乙`: the bracket was all that ended the list before it.
    const glued = m[0].startsWith('[') && m.index > 0 && !/[。;,、:(\s]/.test(folded[m.index - 1]!)
    out += `${line.slice(from, m.index)}${glued ? ';' : ''}${label}:`
    from = m.index + m[0].length
  }
  return from === 0 ? line : out + line.slice(from)
}
