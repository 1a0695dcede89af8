import { isClose, isOpen, topLevelGroups, type Span } from './brackets.js'
import { fold } from './fold.js'
import { LABEL_AT_START, firstVerb, UNIT_LABEL_WITH_COLON, labelStarts, mayBeRoleClause, readRoles, verbRole, type Role, type UnitClause, type UnitMention } from './roles.js'
import { names } from './unit-names.js'

export type { Role, UnitClause, UnitMention } from './roles.js'

/** Unit clauses: the parts of a task's text that say which units lead, carry out or cooperate on it. */

/** Sentences of the text: split at 。!? and line ends outside brackets, each span keeping its 。. */
function sentences(folded: string): Span[] {
  const spans: Span[] = []
  let depth = 0
  let from = 0
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!
    if (ch === '\n') {
      if (i > from) spans.push({ start: from, end: i })
      from = i + 1
      depth = 0
    } else if (isOpen(ch)) depth++
    else if (isClose(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && (ch === '。' || ch === '!' || ch === '?')) {
      spans.push({ start: from, end: i + 1 })
      from = i + 1
    }
  }
  if (folded.length > from) spans.push({ start: from, end: folded.length })
  return spans
}

/** A label's list is never this long; the bound keeps many labels on one line linear. */
const MAX_LABELLED_CLAUSE = 400

/** End of the clause a label opens: the sentence end, a line end, or the bracket enclosing it. */
function clauseEnd(folded: string, from: number): number {
  let depth = 0
  const limit = Math.min(folded.length, from + MAX_LABELLED_CLAUSE)
  for (let i = from; i < limit; i++) {
    const ch = folded[i]!
    if (ch === '\n') return i
    if (isOpen(ch)) depth++
    else if (isClose(ch)) {
      if (depth === 0) return i
      depth--
    } else if (depth === 0 && (ch === '。' || ch === '!' || ch === '?')) return i
  }
  return limit
}

const INLINE_WINDOW = 50
const BEFORE_YOU_NOT_A_CLAUSE = /[理自缘经]$/

/** `由甲牵头…` inside a sentence, plus role phrases that follow it (`,乙负责`). */
function inlineClause(text: string, folded: string, at: number): UnitClause | null {
  if (BEFORE_YOU_NOT_A_CLAUSE.test(folded.slice(Math.max(0, at - 1), at)) || /^[于此来]/.test(folded.slice(at + 1, at + 2))) return null
  const windowEnd = phraseEnd(folded, at + 1, at + 1 + INLINE_WINDOW)
  const verb = firstVerb(folded.slice(at + 1, windowEnd))
  if (!verb || verb.index === 0) return null
  const found = names(text, folded, at + 1, at + 1 + verb.index, true)
  if (!found || found.length === 0) return null
  const role = verbRole(verb.verb)
  const units: UnitMention[] = found.map((name) => ({ role, name }))
  let end = at + 1 + verb.index + verb.length
  let next = windowEnd
  while (next < folded.length && (folded[next] === ',' || folded[next] === ';')) {
    const phrase = phraseEnd(folded, next + 1, next + 1 + INLINE_WINDOW)
    const more = readRoles(text, folded, next + 1, phrase, 'strict')
    if (!more || more.units.length === 0) break
    units.push(...more.units)
    end = phrase
    next = phrase
  }
  return { start: at, end, removable: false, units, timeLimits: [] }
}

/** Where a comma-delimited phrase starting at `from` ends (exclusive), looking no further than `limit`. */
function phraseEnd(folded: string, from: number, limit: number): number {
  let depth = 0
  const stop = Math.min(limit, folded.length)
  for (let i = from; i < stop; i++) {
    const ch = folded[i]!
    if (isOpen(ch)) depth++
    else if (isClose(ch)) {
      if (depth === 0) return i
      depth--
    } else if (depth === 0 && (ch === ',' || ch === ';' || ch === '。' || ch === '\n' || ch === '!' || ch === '?')) return i
  }
  return stop
}

const overlaps = (spans: Span[], s: Span) => spans.some((c) => s.start < c.end && c.start < s.end)
const inside = (spans: Span[], at: number) => spans.some((c) => at >= c.start && at < c.end)

/**
 * Finds the unit clauses of one task's text. The first sentence is the task's title, so it only
 * counts as a clause when it opens with a label or 由.
 */
export function findUnitClauses(text: string): UnitClause[] {
  const folded = fold(text)
  const clauses: UnitClause[] = []

  for (const group of topLevelGroups(folded)) {
    if (!mayBeRoleClause(folded, group.start + 1, group.end - 1)) continue
    const reading = readRoles(text, folded, group.start + 1, group.end - 1, 'strict')
    if (reading) clauses.push({ start: group.start, end: group.end, removable: true, units: reading.units, timeLimits: reading.timeLimits })
  }

  const spans = sentences(folded)
  for (let index = 0; index < spans.length; index++) {
    const sentence = spans[index]!
    if (overlaps(clauses, sentence)) continue
    const body = folded.slice(sentence.start, sentence.end).trimStart()
    const opensWithLabel = LABEL_AT_START.test(body.replace(/^[((]/, '')) || UNIT_LABEL_WITH_COLON.test(body.slice(0, 8))
    if (index === 0 && !opensWithLabel && !body.startsWith('由')) continue
    if (!mayBeRoleClause(folded, sentence.start, sentence.end)) continue
    const whole = readRoles(text, folded, sentence.start, sentence.end, 'strict')
    if (whole) clauses.push({ start: sentence.start, end: sentence.end, removable: true, units: whole.units, timeLimits: whole.timeLimits })
  }

  for (const start of labelStarts(folded)) {
    if (inside(clauses, start)) continue
    const reading = readRoles(text, folded, start, clauseEnd(folded, start), 'prefix')
    if (!reading) continue
    const cut = folded[reading.end] === '。' ? reading.end + 1 : reading.end
    clauses.push({ start, end: cut, removable: true, units: reading.units, timeLimits: reading.timeLimits })
  }

  for (let at = folded.indexOf('由'); at !== -1; at = folded.indexOf('由', at + 1)) {
    if (inside(clauses, at)) continue
    const clause = inlineClause(text, folded, at)
    if (clause) clauses.push(clause)
  }

  return clauses.sort((a, b) => a.start - b.start)
}

export interface TaskUnits {
  leadUnits: string[]
  responsibleUnits: string[]
  cooperatingUnits: string[]
  leadInferred: boolean
  /** Something a reader should check, e.g. an inline 由…牵头 naming another lead. */
  notes: string[]
}

const unique = (list: string[]) => [...new Set(list)]

/**
 * Roles from clauses. A named lead (牵头单位, 甲牵头) is the lead; otherwise the first
 * responsible unit is, by convention, and marked inferred.
 */
export function resolveUnits(clauses: UnitClause[]): TaskUnits {
  const explicit = clauses.filter((c) => c.removable && c.units.length > 0)
  const inline = clauses.filter((c) => !c.removable && c.units.length > 0)
  const used = explicit.length > 0 ? explicit : inline
  const mentions = used.flatMap((c) => c.units)
  const pick = (role: Role) => unique(mentions.filter((m) => m.role === role).map((m) => m.name))
  const named = pick('lead')
  let responsible = pick('responsible').filter((n) => !named.includes(n))
  const notes: string[] = []
  if (explicit.length > 0 && inline.length > 0) {
    const inlineLeads = unique(inline.flatMap((c) => c.units.filter((m) => m.role === 'lead').map((m) => m.name)))
    const listed = new Set(mentions.map((m) => m.name))
    const other = inlineLeads.filter((n) => !listed.has(n))
    if (other.length > 0) notes.push(`正文提到由${other.join('、')}牵头,但责任单位条款未列出,以条款为准`)
  }
  let leadUnits = named
  let leadInferred = false
  if (leadUnits.length === 0 && responsible.length > 0) {
    leadUnits = [responsible[0]!]
    responsible = responsible.slice(1)
    leadInferred = true
  }
  const cooperatingUnits = pick('cooperating').filter((n) => !leadUnits.includes(n) && !responsible.includes(n))
  return { leadUnits, responsibleUnits: responsible, cooperatingUnits, leadInferred, notes }
}
