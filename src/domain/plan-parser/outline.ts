import { fold } from './fold.js'
import { UNIT_LABEL_LINE, lineMarker, type Marker } from './markers.js'

/** The document as a tree of headings and items; plain lines belong to the heading or item above them. */
export interface OutlineNode {
  marker: Marker | null
  rank: number
  /** Own text: the marked line without its marker, then the plain lines under it (original characters). */
  lines: string[]
  /** Unit lines that followed sub-items but belong to the item above them. */
  tail: string[]
  children: OutlineNode[]
  parent: OutlineNode | null
}

const ITEM_RANK = 3
/** (1) and ①: a unit line after one of these may belong to the `1.` item above. */
const SUB_ITEM_RANK = 4

export function buildOutline(lines: string[]): OutlineNode {
  const root: OutlineNode = { marker: null, rank: -1, lines: [], tail: [], children: [], parent: null }
  const stack: OutlineNode[] = [root]
  for (const line of lines) {
    const folded = fold(line)
    const marker = lineMarker(folded)
    if (marker) {
      while (stack.length > 1 && stack[stack.length - 1]!.rank >= marker.rank) stack.pop()
      const parent = stack[stack.length - 1]!
      const node: OutlineNode = { marker, rank: marker.rank, lines: [line.slice(marker.length)], tail: [], children: [], parent }
      parent.children.push(node)
      stack.push(node)
      continue
    }
    const top = stack[stack.length - 1]!
    const item = top.rank >= SUB_ITEM_RANK && UNIT_LABEL_LINE.test(folded) ? stack.find((n) => n.rank === ITEM_RANK) : undefined
    if (item) item.tail.push(line)
    else top.lines.push(line)
  }
  return root
}

export function ownText(node: OutlineNode): string {
  return [...node.lines, ...node.tail].join('\n')
}

/** The node's text with everything under it, in document order. */
export function fullText(node: OutlineNode): string {
  const parts: string[] = [...node.lines]
  for (const child of node.children) parts.push(fullText(child))
  parts.push(...node.tail)
  return parts.join('\n')
}

/** Every node under this one, in document order. */
export function descendants(node: OutlineNode): OutlineNode[] {
  const out: OutlineNode[] = []
  const stack = [...node.children].reverse()
  while (stack.length > 0) {
    const next = stack.pop()!
    out.push(next)
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!)
  }
  return out
}

/** The ancestor directly under the root (the node itself for a top-level node). */
export function chapterOf(node: OutlineNode): OutlineNode {
  let n = node
  while (n.parent && n.parent.parent) n = n.parent
  return n
}

/** A heading's title: its first line up to the first full stop. */
export function headingTitle(node: OutlineNode): string {
  const first = node.lines[0] ?? ''
  const stop = first.search(/[。::]/)
  return (stop === -1 ? first : first.slice(0, stop)).trim()
}
