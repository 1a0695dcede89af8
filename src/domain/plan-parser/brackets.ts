/** Bracket-aware scanning over folded text (full-width brackets are already half-width there). */

const KIND = new Uint8Array(0x10000)
for (const ch of '([{《〔「『') KIND[ch.charCodeAt(0)] = 1
for (const ch of ')]}》〕」』') KIND[ch.charCodeAt(0)] = 2

export const isOpen = (ch: string | undefined): boolean => ch !== undefined && KIND[ch.charCodeAt(0)] === 1
export const isClose = (ch: string | undefined): boolean => ch !== undefined && KIND[ch.charCodeAt(0)] === 2

export interface Span { start: number; end: number }

/** Bracket groups not nested in another group, each span including its brackets. */
export function topLevelGroups(folded: string, start = 0, end = folded.length): Span[] {
  const groups: Span[] = []
  let depth = 0
  let open = -1
  for (let i = start; i < end; i++) {
    const ch = folded[i]
    if (ch === '\n') {
      depth = 0
    } else if (isOpen(ch)) {
      if (depth === 0) open = i
      depth++
    } else if (isClose(ch) && depth > 0) {
      depth--
      if (depth === 0) groups.push({ start: open, end: i + 1 })
    }
  }
  return groups
}

/** The piece from `start` to the next separator outside brackets (or `end`); it may be empty. */
export function nextPiece(folded: string, isSeparator: (ch: string) => boolean, start: number, end: number): Span {
  let depth = 0
  for (let i = start; i < end; i++) {
    const ch = folded[i]!
    if (isOpen(ch)) depth++
    else if (isClose(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && isSeparator(ch)) return { start, end: i }
  }
  return { start, end }
}

/** Splits [start, end) at separators outside brackets; empty pieces are dropped. */
export function splitOutside(folded: string, isSeparator: (ch: string) => boolean, start = 0, end = folded.length): Span[] {
  const pieces: Span[] = []
  let depth = 0
  let from = start
  for (let i = start; i < end; i++) {
    const ch = folded[i]!
    if (isOpen(ch)) depth++
    else if (isClose(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && isSeparator(ch)) {
      if (i > from) pieces.push({ start: from, end: i })
      from = i + 1
    }
  }
  if (end > from) pieces.push({ start: from, end })
  return pieces
}

/** Whether every bracket opened in the text is closed again. */
export function balanced(folded: string): boolean {
  let depth = 0
  let quotes = 0
  for (const ch of folded) {
    if (isOpen(ch)) depth++
    else if (isClose(ch)) depth--
    else if (ch === '“') quotes++
    else if (ch === '”') quotes--
  }
  return depth === 0 && quotes === 0
}
