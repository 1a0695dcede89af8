import { fold } from './fold.js'

/**
 * Plain-text task tables: a header row such as `序号  任务  牵头单位  责任单位  完成时限` and rows
 * under it, cells separated by tabs or by runs of two or more spaces.
 */
export type Column = 'number' | 'category' | 'title' | 'lead' | 'responsible' | 'cooperating' | 'time' | 'other'

/** Checked in order: `牵头单位` is a lead column before it is a unit column. */
const KINDS: [Column, RegExp][] = [
  ['number', /^(?:序号|编号|序)$/],
  ['time', /时限|时间|期限|节点|进度/],
  ['other', /领导|责任人|联系人|备注|说明|资金|投资|来源|规模|地点|位置/],
  ['lead', /牵头|主办|主责/],
  ['cooperating', /配合|协办|协同|参与|协助|协作/],
  ['responsible', /单位|部门|主体/],
  ['category', /^(?:类别|类型|分类|领域|维度|板块|专项|专项行动|行动|任务类别|任务分类|工作类别)$/],
  ['title', /任务|事项|项目|名称|内容|措施|目标|举措|工作|要求/],
]
const MAX_HEADER_CELL = 10

/**
 * Cells of a row, as written: split at tabs (an empty cell between two tabs stays), else at runs of
 * `gap` or more spaces.
 */
export function splitCells(line: string, gap: 1 | 2 = 2): string[] {
  if (line.includes('\t')) return line.split('\t').map((cell) => cell.trim())
  const folded = fold(line)
  const cells: string[] = []
  let from = 0
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] !== ' ' || (gap === 2 && folded[i + 1] !== ' ')) continue
    let end = i
    while (folded[end] === ' ') end++
    cells.push(line.slice(from, i).trim())
    from = end
    i = end - 1
  }
  cells.push(line.slice(from).trim())
  return cells.filter((cell) => cell !== '')
}

export const mayBeRow = (folded: string): boolean => folded.includes('\t') || folded.includes(' ')

export interface Header { columns: Column[]; /** The rows are projects (项目名称), not tasks. */ projects: boolean }

/** The columns of a header row, or null when the line is not the header of a task table. */
export function tableHeader(line: string): Header | null {
  const folded = fold(line)
  if (!mayBeRow(folded)) return null
  let cells = splitCells(folded).filter((cell) => cell !== '')
  if (cells.length === 1) cells = splitCells(folded, 1)
  if (cells.length < 3) return null
  const columns: Column[] = []
  let projects = false
  let unknown = 0
  for (const cell of cells) {
    const name = cell.replace(/\s+/g, '')
    if (name.length > MAX_HEADER_CELL) return null
    const kind = KINDS.find(([, re]) => re.test(name))?.[0]
    if (kind === undefined) unknown++
    if (kind === 'title' && !columns.includes('title')) projects = /项目/.test(name) && !/任务|事项/.test(name)
    columns.push(kind ?? 'other')
  }
  const namesUnits = columns.some((c) => c === 'lead' || c === 'responsible' || c === 'cooperating')
  return unknown <= 1 && namesUnits && columns.includes('title') ? { columns, projects } : null
}

/** Where each cell of a space-aligned row starts, in display columns from the line's start; null for tab-separated rows. */
export function cellStarts(line: string, indent: number, width: (text: string) => number): number[] | null {
  if (line.includes('\t')) return null
  const folded = fold(line)
  const starts = [indent]
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] !== ' ' || folded[i + 1] !== ' ') continue
    let end = i
    while (folded[end] === ' ') end++
    if (end < folded.length) starts.push(indent + width(line.slice(0, end)))
    i = end - 1
  }
  return starts
}
