import { numberingRestarts, numberingWarnings } from './numbering.js'
import { descendants, fullText, ownText, type OutlineNode } from './outline.js'
import { clauseReader, findStructure } from './structure.js'
import { findDeadlines, findTargets, type ParsedTarget } from './targets.js'
import { resolveUnits, type TaskUnits, type UnitClause } from './units.js'
import { clean, splitTitle } from './wording.js'

export interface ParsedTask {
  number: string
  section: string | null
  title: string
  description: string
  leadUnits: string[]
  responsibleUnits: string[]
  cooperatingUnits: string[]
  leadInferred: boolean
  deadline: string | null
  targets: ParsedTarget[]
}

export interface ParsedSection { number: string; title: string }

export interface TaskList { sections: ParsedSection[]; tasks: ParsedTask[]; warnings: string[] }

export interface TaskContext { minYear: number | null; defaultYear: number | null }

/** A task from its heading fields and units, whether it came from the text or a table: deadline and targets are read from `text`. */
export function completeTask(
  head: Pick<ParsedTask, 'number' | 'section' | 'title' | 'description'>, units: TaskUnits, text: string, timeLimits: string[],
  context: TaskContext, warnings: string[],
): ParsedTask {
  const deadlines = findDeadlines(text, timeLimits, context.defaultYear)
  if (deadlines.found.length > 1) warnings.push(`任务 ${head.number}:有多个完成日期(${deadlines.found.join('、')}),取最晚的`)
  return {
    ...head,
    leadUnits: units.leadUnits,
    responsibleUnits: units.responsibleUnits,
    cooperatingUnits: units.cooperatingUnits,
    leadInferred: units.leadInferred,
    deadline: deadlines.deadline,
    targets: findTargets(text, context.minYear),
  }
}

/** The heading directly above the task, unless that is the chapter itself. */
function nearestSection(task: OutlineNode, chapter: OutlineNode): OutlineNode | null {
  const parent = task.parent
  return parent && parent !== chapter && parent.parent ? parent : null
}

function numberOf(node: OutlineNode): number {
  return node.marker?.ordinal ?? 0
}

/** Finds the task list of a plan's outline; empty when the outline has none. */
export function extractTasks(root: OutlineNode, context: TaskContext): TaskList {
  const read = clauseReader()
  const structure = findStructure(root, read)
  if (!structure) return { sections: [], tasks: [], warnings: [] }
  const { taskRank, chapters } = structure
  const warnings: string[] = []

  const taskNodes: { node: OutlineNode; chapter: OutlineNode; section: OutlineNode | null }[] = []
  for (const chapter of chapters) {
    const nodes = chapter.rank === taskRank ? [chapter] : descendants(chapter).filter((n) => n.rank === taskRank)
    for (const node of nodes) {
      taskNodes.push({ node, chapter, section: chapter === node ? null : nearestSection(node, chapter) })
    }
  }
  const useChaptersAsSections = chapters.length > 1 && taskNodes.every((t) => t.section === null) && chapters.every((c) => c.rank < taskRank)
  if (useChaptersAsSections) for (const t of taskNodes) t.section = t.chapter

  const sectionNodes: OutlineNode[] = []
  if (useChaptersAsSections) sectionNodes.push(...chapters)
  else {
    const ranks = taskNodes.map((t) => t.section?.rank).filter((r): r is number => r !== undefined)
    const sectionRank = ranks.length > 0 ? mostCommon(ranks) : null
    if (sectionRank !== null) {
      for (const chapter of chapters) for (const n of descendants(chapter)) if (n.rank === sectionRank) sectionNodes.push(n)
    }
  }
  const sectionInfo = new Map<OutlineNode, { number: string; title: string; ordinal: number; clauses: UnitClause[] }>()
  for (const node of sectionNodes) {
    const own = clean(ownText(node), read)
    sectionInfo.set(node, { number: node.marker?.label ?? '', title: splitTitle(own.text).title, ordinal: numberOf(node), clauses: own.clauses })
  }
  const sections = sectionNodes.map((n) => ({ number: sectionInfo.get(n)!.number, title: sectionInfo.get(n)!.title }))
  const withTasks = new Set(taskNodes.map((t) => t.section))
  for (const node of sectionNodes) {
    if (!withTasks.has(node)) {
      const info = sectionInfo.get(node)!
      warnings.push(`第(${info.number})部分“${info.title}”下没有找到编号任务`)
    }
  }

  const restarts = numberingRestarts(taskNodes.map((t) => ({ section: t.section, n: numberOf(t.node) })))
  const tasks: ParsedTask[] = []
  for (const { node, section } of taskNodes) {
    const n = numberOf(node)
    const info = section ? sectionInfo.get(section) : undefined
    const label = node.marker?.label ?? ''
    const number = /[.-]/.test(label) ? label : restarts && info ? `${info.ordinal}.${n}` : String(n)
    const { text, clauses } = clean(fullText(node), read)
    let units = resolveUnits(clauses)
    if (units.leadUnits.length + units.responsibleUnits.length + units.cooperatingUnits.length === 0 && info) {
      const inherited = resolveUnits(info.clauses)
      if (inherited.leadUnits.length + inherited.responsibleUnits.length > 0) {
        units = inherited
        warnings.push(`任务 ${number}:未列出责任单位,沿用所在部分“${info.title}”的单位`)
      }
    }
    for (const note of units.notes) warnings.push(`任务 ${number}:${note}`)
    if (units.leadUnits.length === 0) {
      warnings.push(units.cooperatingUnits.length > 0 ? `任务 ${number}:只找到配合单位,没有牵头或责任单位` : `任务 ${number}:未找到责任单位`)
    }
    const { title, description } = splitTitle(text)
    const timeLimits = clauses.flatMap((c) => c.timeLimits)
    tasks.push(completeTask({ number, section: info ? info.number : null, title, description }, units, text, timeLimits, context, warnings))
  }
  warnings.push(...numberingWarnings(taskNodes.map((t) => numberOf(t.node)), taskNodes.map((t) => t.section), restarts))
  return { sections, tasks, warnings }
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
}
