import type { TaskUnitRole } from '../db/schema/index.js'
import { DATE_MAX, DATE_MIN, isDomainDate } from '../domain/dates.js'
import type { Light } from '../domain/lights.js'
import { byKey, compareTaskNumbers, taskNumberKey } from '../domain/task-numbers.js'
import type { TaskStatus } from '../domain/task-status.js'
import { unprocessable, type ProblemField } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { Db } from '../repositories/db-types.js'
import type { ImportDocument, ImportTarget, ImportTask, PlanIdentity } from './import-document.js'
import {
  LEDGER_COLUMNS, LIGHT_LABELS, SECTION_NUMBER, STATUS_LABELS, UNIT_SEPARATOR, isLightLabel, readTargetLine, readTaskCell,
  readUnitsCell, statusOfLabel, targetsCell, taskCell, type LedgerColumn, type LedgerRow,
} from './ledger-format.js'

/** Task numbers in document order: `2` before `10`, `3.4` before `3.10`. */
export { compareTaskNumbers }

/** Sorts by task number, each number split once rather than at every comparison. */
function byTaskNumber<T extends { number: string }>(list: T[]): T[] {
  const keyed = list.map((item) => ({ item, key: taskNumberKey(item.number) }))
  keyed.sort((a, b) => byKey(a.key, b.key))
  return keyed.map((k) => k.item)
}

interface TaskRecord {
  id: number; number: string; title: string; description: string; deadline: string | null
  light: Light; status: TaskStatus; sectionId: number | null
}

const emptyRow = (): LedgerRow => Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, ''])) as LedgerRow

/** Reads a plan's 台账 rows from the database: the tasks a viewer may see, under their sections' heading rows, with their stored lights. */
export function createLedgerReader(db: Pick<Db, '$client'>) {
  const c = db.$client
  const visible = `(@unitId IS NULL OR EXISTS (SELECT 1 FROM task_units v WHERE v.task_id = t.id AND v.unit_id = @unitId))`
  const taskRows = c.prepare(`SELECT t.id, t.number, t.title, t.description, t.deadline, t.light, t.status,
    t.section_id AS sectionId FROM tasks t WHERE t.plan_id = @planId AND ${visible}`)
  const sectionRows = c.prepare('SELECT id, number, title FROM sections WHERE plan_id = ? ORDER BY position, id')
  const unitRows = c.prepare(`SELECT tu.task_id AS taskId, tu.role, u.name FROM tasks t JOIN task_units tu ON tu.task_id = t.id
    JOIN units u ON u.id = tu.unit_id WHERE t.plan_id = @planId AND ${visible} ORDER BY tu.task_id, tu.position`)
  const targetRows = c.prepare(`SELECT g.task_id AS taskId, g.year, g.description, g.value, g.measure, g.due_on AS dueOn
    FROM tasks t JOIN targets g ON g.task_id = t.id WHERE t.plan_id = @planId AND ${visible} ORDER BY g.task_id, g.id`)
  const hasReports = () => c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_revisions'").get() !== undefined
  let progressRows: ReturnType<typeof c.prepare> | undefined

  /** 最新进展: the current revision of each task's latest report (latest period, then latest submission). */
  function latestProgress(params: object): Map<number, string> {
    const out = new Map<number, string>()
    if (!progressRows) {
      if (!hasReports()) return out
      progressRows = c.prepare(`SELECT r.task_id AS taskId, rv.progress FROM tasks t JOIN reports r ON r.task_id = t.id
        JOIN report_revisions rv ON rv.report_id = r.id AND rv.revision = r.revision
        WHERE t.plan_id = @planId AND ${visible} ORDER BY r.task_id, r.period, rv.submitted_at, rv.id`)
    }
    for (const r of progressRows.all(params) as { taskId: number; progress: string }[]) out.set(r.taskId, r.progress)
    return out
  }

  return {
    rows(planId: number, viewer: Viewer): LedgerRow[] {
      const params = { planId, unitId: viewer.role === 'unit' ? viewer.unitId : null }
      const taskList = byTaskNumber(taskRows.all(params) as TaskRecord[])
      const units = new Map<number, Record<TaskUnitRole, string[]>>()
      for (const u of unitRows.all(params) as { taskId: number; role: TaskUnitRole; name: string }[]) {
        let entry = units.get(u.taskId)
        if (!entry) units.set(u.taskId, (entry = { lead: [], responsible: [], cooperating: [] }))
        entry[u.role].push(u.name)
      }
      const targets = new Map<number, ImportTarget[]>()
      for (const g of targetRows.all(params) as (ImportTarget & { taskId: number })[]) {
        let list = targets.get(g.taskId)
        if (!list) targets.set(g.taskId, (list = []))
        list.push(g)
      }
      const progress = latestProgress(params)

      const taskRow = (t: TaskRecord): LedgerRow => {
        const u = units.get(t.id)
        return {
          序号: t.number,
          任务: taskCell(t.title, t.description),
          牵头单位: u?.lead.join(UNIT_SEPARATOR) ?? '',
          责任单位: u?.responsible.join(UNIT_SEPARATOR) ?? '',
          配合单位: u?.cooperating.join(UNIT_SEPARATOR) ?? '',
          完成时限: t.deadline ?? '',
          年度目标: targetsCell(targets.get(t.id) ?? []),
          状态: STATUS_LABELS[t.status],
          最新进展: progress.get(t.id) ?? '',
          亮灯: LIGHT_LABELS[t.light],
        }
      }
      const bySection = new Map<number | null, TaskRecord[]>()
      for (const t of taskList) {
        let list = bySection.get(t.sectionId)
        if (!list) bySection.set(t.sectionId, (list = []))
        list.push(t)
      }
      const out = (bySection.get(null) ?? []).map(taskRow)
      for (const s of sectionRows.all(planId) as { id: number; number: string; title: string }[]) {
        const list = bySection.get(s.id) ?? []
        if (list.length === 0 && params.unitId !== null) continue
        out.push({ ...emptyRow(), 序号: s.number, 任务: s.title })
        for (const t of list) out.push(taskRow(t))
      }
      return out
    },
  }
}
export type LedgerReader = ReturnType<typeof createLedgerReader>

/** A cell as read from a file, with the spreadsheet row it came from (1 = the first row). */
export interface LedgerGrid { rows: { number: number; cells: string[] }[] }

const MAX_REPORTED_ERRORS = 50
const HEADER_SEARCH_ROWS = 5

/**
 * The import document for a 台账 read from a file. The header row (within the first five rows) must
 * name the ten columns in order; 状态, 最新进展 and 亮灯 are checked but not imported (status changes
 * go through the workflow). Any malformed cell is a 422 naming its row and column.
 */
export function ledgerDocument(grid: LedgerGrid, plan: PlanIdentity): ImportDocument {
  const errors: ProblemField[] = []
  const fail = (row: number, column: LedgerColumn, detail: string) => errors.push({ in: 'body', field: `row ${row}, column ${column}`, detail })
  const headerAt = grid.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells[0]?.trim() === LEDGER_COLUMNS[0])
  if (headerAt === -1) {
    fail(grid.rows[0]?.number ?? 1, '序号', `no header row: the first row must name the columns ${LEDGER_COLUMNS.join(', ')}`)
    throw unprocessable('The file is not a 台账: it has no header row.', errors)
  }
  const header = grid.rows[headerAt]!
  LEDGER_COLUMNS.forEach((column, i) => {
    const found = header.cells[i]?.trim() ?? ''
    if (found !== column) fail(header.number, column, `the header reads “${found}”; expected “${column}”`)
  })
  if (errors.length) throw unprocessable(`The header row does not name the 台账's columns: ${errors.map((e) => e.detail).join('; ')}`, errors)

  const sections: { number: string; title: string }[] = []
  const warnings: string[] = []
  const tasks: (ImportTask & { row: number })[] = []
  const numbers = new Map<string, number>()
  let section: string | null = null
  for (const { number: row, cells } of grid.rows.slice(headerAt + 1)) {
    const cell = Object.fromEntries(LEDGER_COLUMNS.map((c, i) => [c, cells[i] ?? ''])) as LedgerRow
    if (LEDGER_COLUMNS.every((c) => cell[c].trim() === '')) continue
    const rest = LEDGER_COLUMNS.slice(2).every((c) => cell[c].trim() === '')
    const number = cell.序号.trim()
    if (rest && SECTION_NUMBER.test(number)) {
      if (!cell.任务.trim()) fail(row, '任务', 'a section heading needs its title')
      if (sections.some((s) => s.number === number)) fail(row, '序号', `section ${number} appears twice`)
      sections.push({ number, title: cell.任务.trim() })
      section = number
      continue
    }
    if (!number) fail(row, '序号', 'is empty: every task needs its number')
    else if (number.length > 20) fail(row, '序号', 'is longer than 20 characters')
    else if (numbers.has(number)) fail(row, '序号', `task ${number} already appears in row ${numbers.get(number)}`)
    else numbers.set(number, row)
    const { title, description } = readTaskCell(cell.任务)
    if (!title.trim()) fail(row, '任务', 'is empty: the first line is the task’s title')
    const deadline = cell.完成时限.trim()
    if (deadline && !isDomainDate(deadline)) fail(row, '完成时限', `“${deadline}” is not a date written YYYY-MM-DD from ${DATE_MIN} to ${DATE_MAX}`)
    const targets: ImportTarget[] = []
    for (const line of cell.年度目标.split('\n').filter((l) => l.trim())) {
      const read = readTargetLine(line)
      if (typeof read === 'string') fail(row, '年度目标', read)
      else targets.push(read)
    }
    const status = cell.状态.trim()
    if (status && !statusOfLabel(status)) fail(row, '状态', `“${status}” is not one of ${Object.values(STATUS_LABELS).join('、')}`)
    const light = cell.亮灯.trim()
    if (light && !isLightLabel(light)) fail(row, '亮灯', `“${light}” is not one of 红、黄、绿`)
    let leadUnits = readUnitsCell(cell.牵头单位)
    let responsibleUnits = readUnitsCell(cell.责任单位)
    let leadInferred: boolean | undefined
    if (leadUnits.length === 0 && responsibleUnits.length > 0) {
      // As in documents: only 责任单位 given, the first is the lead by convention.
      leadUnits = responsibleUnits.slice(0, 1)
      responsibleUnits = responsibleUnits.slice(1)
      leadInferred = true
    }
    if (leadUnits.length === 0) warnings.push(`第 ${row} 行:任务 ${number} 没有牵头单位`)
    tasks.push({
      row, number, section, title, description,
      leadUnits, responsibleUnits, cooperatingUnits: readUnitsCell(cell.配合单位), leadInferred,
      deadline: deadline || null, targets,
    })
    if (errors.length >= MAX_REPORTED_ERRORS) break
  }
  if (errors.length) {
    const first = errors[0]!
    throw unprocessable(`The 台账 has ${errors.length >= MAX_REPORTED_ERRORS ? 'at least ' : ''}${errors.length} malformed cell(s); first: ${first.field}: ${first.detail}.`, errors)
  }
  // Without heading rows the file says nothing about sections: tasks keep theirs. With them, tasks
  // listed before the first heading belong to none.
  const hasSections = sections.length > 0
  return {
    plan, sections: hasSections ? sections : undefined,
    tasks: tasks.map(({ row: _, ...t }) => ({ ...t, section: hasSections ? t.section : undefined })),
    warnings,
  }
}
