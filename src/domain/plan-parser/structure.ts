import { fold } from './fold.js'
import { UNIT_LABEL_LINE } from './markers.js'
import { chapterOf, descendants, headingTitle, ownText, type OutlineNode } from './outline.js'
import { findUnitClauses, type UnitClause } from './units.js'

/** Chapters that frame a plan rather than list its work. */
const FRAMING_CHAPTER = /指导思想|基本原则|工作原则|总体要求|总体目标|主要目标|工作目标|发展目标|计划目标|目标要求|保障措施|保障机制|组织领导|组织实施|组织保障|工作要求|工作步骤|实施步骤|进度安排|时间安排|步骤安排|工作范围|实施范围|体检范围|适用范围|编制依据|工作依据|背景|现状|基本情况|形势|意义|附则|总则|其他事项|监督考核|考核评估|工作机制/
const TASK_CHAPTER = /任务|行动|工程|重点工作|主要工作|工作重点|工作内容|主要内容|实施内容|建设内容|改造内容|工作措施|主要措施|具体措施|举措|项目|专项/

const chapterKind = (chapter: OutlineNode): 'tasks' | 'framing' | 'other' => {
  const title = fold(headingTitle(chapter))
  if (TASK_CHAPTER.test(title)) return 'tasks'
  if (FRAMING_CHAPTER.test(title)) return 'framing'
  return 'other'
}

const ITEM_RANK = 3

export interface Structure {
  /** Outline rank of the task items (3 for `1.`, 2 for `(一)`…). */
  taskRank: number
  /** Top-level chapters that hold tasks, in document order. */
  chapters: OutlineNode[]
}

/** Unit clauses by text, kept for one parse: the same item text is read when choosing the task level and again for the task. */
export type Clauses = (text: string) => UnitClause[]

export function clauseReader(): Clauses {
  const seen = new Map<string, UnitClause[]>()
  return (text) => {
    let clauses = seen.get(text)
    if (!clauses) {
      clauses = findUnitClauses(text)
      seen.set(text, clauses)
    }
    return clauses
  }
}

const ownsUnits = (clauses: Clauses) => (node: OutlineNode): boolean => clauses(ownText(node)).some((c) => c.units.length > 0)

/**
 * Which outline level holds the tasks: the level where most items name their own units. A unit
 * line after the last sub-item of every item lifts the level to the items themselves.
 */
export function findStructure(root: OutlineNode, clauses: Clauses): Structure | null {
  const owns = ownsUnits(clauses)
  const chapters = root.children.filter((c) => chapterKind(c) !== 'framing')
  const byRank = new Map<number, OutlineNode[]>()
  for (const chapter of chapters) {
    for (const node of [chapter, ...descendants(chapter)]) {
      const list = byRank.get(node.rank) ?? []
      list.push(node)
      byRank.set(node.rank, list)
    }
  }
  let taskRank = -1
  let best = 0
  for (const [rank, nodes] of byRank) {
    const count = nodes.filter(owns).length
    if (count > best || (count === best && count > 0 && rank > taskRank)) {
      best = count
      taskRank = rank
    }
  }
  if (best === 0) {
    const listed = chapters.filter((c) => chapterKind(c) === 'tasks' && c.children.length > 1)
    if (listed.length === 0) return null
    return { taskRank: Math.min(...listed.flatMap((c) => c.children.map((n) => n.rank))), chapters: listed }
  }
  const atRank = byRank.get(taskRank)!
  const owners = atRank.filter(owns)
  const itemRanks = owners.flatMap((n) => n.children.map((c) => c.rank)).filter((r) => r >= ITEM_RANK)
  if (taskRank < ITEM_RANK && owners.every((n) => n.children.length >= 2) && itemRanks.length > 0) {
    // Units named on a heading with numbered items under it: the items are the tasks and inherit them.
    return selectChapters(chapters, Math.min(...itemRanks), owns)
  }
  const parents = owners.map((n) => n.parent!)
  const lastChildren = owners.every((n) => n.parent !== root && n.parent!.children.at(-1) === n && n.parent !== chapterOf(n) && endsWithUnitLine(n))
  if (owners.length <= atRank.length / 2 && lastChildren && new Set(parents.map((p) => p.rank)).size === 1) {
    taskRank = parents[0]!.rank
  }
  return selectChapters(chapters, taskRank, owns)
}

/** Chapters holding tasks: named for tasks, or with items at the task level that name units. */
function selectChapters(chapters: OutlineNode[], taskRank: number, owns: (node: OutlineNode) => boolean): Structure | null {
  const selected = chapters.filter((chapter) => {
    const nodes = chapter.rank === taskRank ? [chapter] : descendants(chapter).filter((n) => n.rank === taskRank)
    if (nodes.length === 0) return false
    return chapterKind(chapter) === 'tasks' || [chapter, ...descendants(chapter)].some(owns)
  })
  return selected.length > 0 ? { taskRank, chapters: selected } : null
}

function endsWithUnitLine(node: OutlineNode): boolean {
  const last = node.lines.at(-1)
  return node.lines.length > 1 && last !== undefined && UNIT_LABEL_LINE.test(fold(last))
}
