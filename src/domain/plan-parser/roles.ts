import { nextPiece } from './brackets.js'
import { fold } from './fold.js'
import { trimEndOf } from './trim.js'
import { DATE_LIKE, NAME_SEPARATOR, names } from './unit-names.js'

/**
 * Role phrases: labels (责任单位:…), verbs after names (…牵头, …按职责分工负责) and 由…
 * Everything is matched on folded text and sliced from the original, so names stay as written.
 */
export type Role = 'lead' | 'responsible' | 'cooperating'
export type LabelRole = Role | 'time' | 'person'

export interface UnitMention { role: Role; name: string }

export interface UnitClause {
  start: number
  end: number
  /** The clause only names units (a bracket, a line, a sentence) and is cut from the description. */
  removable: boolean
  units: UnitMention[]
  /** Values of 完成时限-style fields found inside the clause. */
  timeLimits: string[]
}

const LABELS: [string, LabelRole][] = [
  ['牵头责任单位', 'lead'], ['责任牵头单位', 'lead'], ['牵头单位', 'lead'], ['牵头部门', 'lead'],
  ['主办单位', 'lead'], ['主办部门', 'lead'], ['主责单位', 'lead'], ['主责部门', 'lead'],
  ['配合责任单位', 'cooperating'], ['配合单位', 'cooperating'], ['配合部门', 'cooperating'],
  ['协办单位', 'cooperating'], ['协办部门', 'cooperating'], ['协助单位', 'cooperating'],
  ['协作单位', 'cooperating'], ['协同单位', 'cooperating'], ['参与单位', 'cooperating'],
  ['参加单位', 'cooperating'],
  ['责任单位', 'responsible'], ['责任部门', 'responsible'], ['责任主体', 'responsible'],
  ['承办单位', 'responsible'], ['实施单位', 'responsible'], ['实施主体', 'responsible'],
  ['落实单位', 'responsible'],
  ['完成时限', 'time'], ['完成时间', 'time'], ['完成期限', 'time'], ['时间节点', 'time'],
  ['时限要求', 'time'], ['时间要求', 'time'], ['办结时限', 'time'],
  ['牵头市领导', 'person'], ['责任市领导', 'person'], ['牵头领导', 'person'], ['责任领导', 'person'],
  ['分管领导', 'person'], ['责任人', 'person'], ['联系人', 'person'],
]
const LABEL_ROLE = new Map(LABELS)
export const LABEL_WORDS: readonly string[] = LABELS.map(([label]) => label)
const LABEL_ALTERNATION = LABELS.map(([label]) => label).sort((a, b) => b.length - a.length).join('|')
/** A label opening an item: `责任单位:` or a bare `责任单位` item (the list follows after a space). */
export const LABEL_AT_START = new RegExp(`^(${LABEL_ALTERNATION})(?:\\s*:\\s*|$)`)
const LABEL_BEFORE_COLON = new RegExp(`(?:${LABEL_ALTERNATION})\\s*$`)
const LONGEST_LABEL = Math.max(...LABELS.map(([label]) => label.length)) + 2

/** Where labels followed by a colon start (`责任单位:`), found from the colons. */
export function labelStarts(folded: string): number[] {
  const starts: number[] = []
  for (let colon = folded.indexOf(':'); colon !== -1; colon = folded.indexOf(':', colon + 1)) {
    const from = Math.max(0, colon - LONGEST_LABEL)
    const m = LABEL_BEFORE_COLON.exec(folded.slice(from, colon))
    if (m) starts.push(from + m.index)
  }
  return starts
}
export const UNIT_LABEL_WITH_COLON = /(?:牵头|责任|配合|协办|主办|主责|承办|实施|协助|协作|协同|参与|落实)(?:单位|部门|主体)\s*:/

const MODIFIERS = ['按照职责分工', '按职责分工', '按照职责', '按职责', '按照分工', '按分工', '分工', '共同', '具体', '分别', '各自', '协同', '统一']
const VERBS = ['牵头负责', '牵头落实', '牵头实施', '负责落实', '负责实施', '配合实施', '配合落实', '牵头', '主办', '主责', '负责', '落实', '实施', '承办', '配合', '协办', '协助', '参与']

/** `…按职责分工负责` at the end of an item: where the modifier and verb start, and the verb. */
function verbAtEnd(folded: string): { index: number; verb: string } | null {
  const verb = VERBS.find((v) => folded.endsWith(v))
  if (!verb) return null
  const before = folded.length - verb.length
  const modifier = MODIFIERS.find((m) => folded.endsWith(m, before))
  return { index: before - (modifier?.length ?? 0), verb }
}

const INLINE_VERB = /牵头负责|牵头|主办|主责|负责|配合|协办|协助|承办/

/** The first role verb in a phrase (`甲等部门分工牵头负责…`), from where its modifier starts. */
export function firstVerb(folded: string): { index: number; length: number; verb: string } | null {
  const m = INLINE_VERB.exec(folded)
  if (!m) return null
  const modifier = MODIFIERS.find((mod) => folded.endsWith(mod, m.index))
  const index = m.index - (modifier?.length ?? 0)
  return { index, length: m.index + m[0].length - index, verb: m[0] }
}

export function verbRole(verb: string): Role {
  if (/^(?:牵头|主办|主责)/.test(verb)) return 'lead'
  if (/^(?:配合|协办|协助|参与)/.test(verb)) return 'cooperating'
  return 'responsible'
}

const ROLE_MARK = /^(.+?)\s*\((牵头|主办|牵头单位|配合|协办|配合单位|(?:按照?职责(?:分工)?|分别|共同)?负责)\)$/

/** `市住建局(牵头)` in a list: the mark gives the role and is not part of the name; `(按职责分工负责)` keeps the label's. */
function markedRole(name: string, labelRole: Role): UnitMention | null {
  const m = ROLE_MARK.exec(fold(name))
  if (!m) return null
  return { role: m[2]!.endsWith('负责') ? labelRole : verbRole(m[2]!), name: name.slice(0, m[1]!.length) }
}

/** Longer than any unit name, or a few names with a verb: the item is prose. */
const MAX_ITEM = 80

export interface Reading { units: UnitMention[]; timeLimits: string[]; end: number }

const ITEM_SEPARATOR = (ch: string) => NAME_SEPARATOR(ch) || ch === '。'

/**
 * Reads [start, end) as a run of role phrases: `牵头单位:甲,责任单位:乙、丙`, `甲牵头,乙配合`,
 * `由甲牵头`, `甲、乙按职责分工负责`. Strict: every item must fit, else null. Prefix: stops at the
 * first item that does not fit and returns what came before.
 */
export function readRoles(text: string, folded: string, start: number, end: number, mode: 'strict' | 'prefix'): Reading | null {
  const units: UnitMention[] = []
  const timeLimits: string[] = []
  let labelRole: LabelRole | null = null
  let pending: string[] = []
  let consumed = start
  let failed = false

  for (let at = start; at < end && !failed;) {
    const item = nextPiece(folded, ITEM_SEPARATOR, at, Math.min(end, at + MAX_ITEM + LONGEST_LABEL))
    at = item.end + 1
    if (item.end === item.start) continue
    let s = item.start
    let f = folded.slice(s, item.end)
    const label = LABEL_AT_START.exec(f)
    if (label) {
      if (pending.length > 0) { failed = true; break }
      labelRole = LABEL_ROLE.get(label[1]!) ?? null
      s += label[0].length
      f = f.slice(label[0].length)
      if (f.trim() === '') { consumed = item.end; continue }
    }
    if (labelRole === 'time') { timeLimits.push(text.slice(s, item.end).trim()); consumed = item.end; continue }
    if (labelRole === 'person') { consumed = item.end; continue }
    if (f.startsWith('由') && !f.startsWith('由于')) { s += 1; f = f.slice(1) }
    if (f.length > MAX_ITEM) { failed = true; break }
    const verb = verbAtEnd(f)
    if (verb) {
      const found = verb.index > 0 ? names(text, folded, s, s + verb.index, true) : []
      if (found === null) { failed = true; break }
      const all = [...pending, ...found]
      if (all.length === 0) { failed = true; break }
      const role = verbRole(verb.verb)
      for (const name of all) units.push({ role, name })
      pending = []
      labelRole = null
      consumed = item.end
    } else if (labelRole && DATE_LIKE.test(f)) {
      timeLimits.push(text.slice(s, item.end).trim())
      consumed = item.end
    } else if (labelRole) {
      const found = names(text, folded, s, item.end, false)
      if (found === null) { failed = true; break }
      for (const name of found) units.push(markedRole(name, labelRole) ?? { role: labelRole, name })
      consumed = item.end
    } else {
      const found = names(text, folded, s, item.end, true)
      if (found === null || found.length === 0) { failed = true; break }
      pending.push(...found)
    }
  }
  if (mode === 'strict' && (failed || pending.length > 0)) return null
  return units.length > 0 || timeLimits.length > 0 ? { units, timeLimits, end: consumed } : null
}

/** Cheap test before a strict reading: a role clause names a label or ends with a role verb. */
export function mayBeRoleClause(folded: string, start: number, end: number): boolean {
  const body = trimEndOf(folded.slice(start, end), '。')
  return verbAtEnd(body) !== null || body.includes(':') || LABEL_AT_START.test(body.trimStart())
}
