import { isClose, isOpen, splitOutside, type Span } from './brackets.js'

/** Unit names: how a list of them splits, and whether a phrase can be one. */

const UNIT_SUFFIX = /[局委办厅部院署心府道司团镇乡区县市队站所会处科室组门位行社馆台村园校厂联协]$/
const NOT_A_NAME_START = /^(?:组织|开展|推进|加强|建立|完善|负责|做好|加快|实施|落实|按照|根据|通过|对|将|在|把|从|为|以|向|进行|确保|全面|积极|及时|统筹)/
export const DATE_LIKE = /\d{4}\s*年|\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末|前)|年底|年内/
const TRAILING_GROUP = /\([^()]*\)$/
const ETC_SUFFIX = /等(?:相关|有关)?(?:部门|单位)?$/
const QUOTES = /^["“”'‘’]+|["“”'‘’]+$/g

/** A unit name where nothing else marks it as one: it has to end like a unit (局, 政府, 街道…). */
export function looksLikeUnit(folded: string): boolean {
  if (folded.length < 2 || folded.length > 30) return false
  if (/[,;:。!?\s]/.test(folded) || DATE_LIKE.test(folded) || NOT_A_NAME_START.test(folded)) return false
  if (folded.startsWith('各') && folded.length <= 12) return true
  let core = folded
  while (TRAILING_GROUP.test(core)) core = core.replace(TRAILING_GROUP, '')
  return UNIT_SUFFIX.test(core)
}

/** A name after a label (`责任单位:`): taken as written unless it is plainly not a name. */
function acceptableListedName(folded: string): boolean {
  return folded.length >= 1 && folded.length <= 40 && !/[。!?]/.test(folded) && !DATE_LIKE.test(folded)
}

export const NAME_SEPARATOR = (ch: string) => ch === '、' || ch === ',' || ch === ';' || ch === '\n' || ch === ' ' || ch === '\t' || ch === '/' || ch === '|'
const CONJUNCTION = /以及|会同|及|和|与/g
const HAS_CONJUNCTION = /[及和与]|会同/

/**
 * The names in [start, end): split on separators outside brackets, and on 及/和/与 only where
 * both sides are unit names (so 市住房和城乡建设局 stays whole). Null if any piece is not a name.
 */
export function names(text: string, folded: string, start: number, end: number, strict: boolean): string[] | null {
  const out: string[] = []
  for (const piece of splitOutside(folded, NAME_SEPARATOR, start, end)) {
    for (const part of splitConjunctions(folded, piece)) {
      let f = folded.slice(part.start, part.end)
      let s = part.start
      let e = part.end
      const lead = /^[\s"“”'‘’由]+/.exec(f)?.[0].length ?? 0
      s += lead
      f = f.slice(lead)
      const trail = /[\s"“”'‘’。]+$/.exec(f)?.[0].length ?? 0
      e -= trail
      f = f.slice(0, f.length - trail)
      const etc = ETC_SUFFIX.exec(f)
      if (etc && etc.index > 0) {
        e -= f.length - etc.index
        f = f.slice(0, etc.index)
      }
      if (f === '') continue
      if (strict ? !looksLikeUnit(f) : !acceptableListedName(f)) return null
      out.push(text.slice(s, e).replace(QUOTES, '').trim())
    }
  }
  return out
}

function splitConjunctions(folded: string, piece: Span): Span[] {
  const slice = folded.slice(piece.start, piece.end)
  if (!HAS_CONJUNCTION.test(slice)) return [piece]
  const parts: Span[] = []
  let from = piece.start
  for (const m of slice.matchAll(CONJUNCTION)) {
    const at = piece.start + m.index
    if (depthAt(folded, piece.start, at) !== 0) continue
    const left = folded.slice(from, at).replace(ETC_SUFFIX, '')
    const right = folded.slice(at + m[0].length, piece.end).replace(ETC_SUFFIX, '')
    const nextConj = right.search(/以及|会同|及|和|与/)
    const rightFirst = nextConj > 0 ? right.slice(0, nextConj) : right
    if (m[0] === '会同' || (looksLikeUnit(left) && (looksLikeUnit(right) || looksLikeUnit(rightFirst)))) {
      parts.push({ start: from, end: at })
      from = at + m[0].length
    }
  }
  parts.push({ start: from, end: piece.end })
  return parts
}

function depthAt(folded: string, from: number, at: number): number {
  let depth = 0
  for (let i = from; i < at; i++) {
    if (isOpen(folded[i])) depth++
    else if (isClose(folded[i])) depth = Math.max(0, depth - 1)
  }
  return depth
}
