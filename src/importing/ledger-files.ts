import readXlsxFile from 'read-excel-file/node'
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import { unprocessable } from '../http/problem.js'
import { CsvSyntaxError, parseCsv, writeCsv } from './csv.js'
import { LEDGER_COLUMNS, type LedgerRow } from './ledger-format.js'
import { decodeText } from './text-decoding.js'
import type { LedgerGrid } from './ledger.js'

/** The 台账 as files: .xlsx (write-excel-file / read-excel-file) and CSV in UTF-8 with a BOM. */
export const LEDGER_FORMATS = ['xlsx', 'csv'] as const
export type LedgerFormat = (typeof LEDGER_FORMATS)[number]

export const LEDGER_MEDIA_TYPES: Record<LedgerFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

export const LEDGER_SHEET = '台账'
const COLUMN_WIDTHS = [8, 60, 18, 30, 24, 12, 40, 10, 40, 6]
const BOM = '\ufeff'

export async function writeLedgerXlsx(rows: LedgerRow[]): Promise<Buffer> {
  const header: Row = LEDGER_COLUMNS.map((c) => ({ value: c, fontWeight: 'bold' as const, align: 'center' as const }))
  // Plain strings stay strings; only cells with line breaks carry a style (wrap), which costs per cell.
  const body: Row[] = rows.map((r) => LEDGER_COLUMNS.map((c) => (r[c].includes('\n') ? { value: r[c], wrap: true, alignVertical: 'top' as const } : r[c])))
  return writeXlsxFile([header, ...body], {
    sheet: LEDGER_SHEET, stickyRowsCount: 1, columns: COLUMN_WIDTHS.map((width) => ({ width })),
  }).toBuffer()
}

/** Spreadsheets run a cell starting with = + - @ as a formula; such cells are written with a leading ' and read back without it. */
const FORMULA_START = /^[=+\-@\t\r]/
const guardFormula = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell)
const unguardFormula = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell)

export function writeLedgerCsv(rows: LedgerRow[]): Buffer {
  const records = [[...LEDGER_COLUMNS], ...rows.map((r) => LEDGER_COLUMNS.map((c) => guardFormula(r[c])))]
  return Buffer.from(BOM + writeCsv(records), 'utf8')
}

const fileProblem = (detail: string) => unprocessable(detail, [{ in: 'body', field: 'file', detail }])

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return String(v)
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04
const isLegacyXls = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0

async function readXlsx(file: Buffer): Promise<LedgerGrid> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>
  try {
    sheets = await readXlsxFile(file, { trim: false })
  } catch (err) {
    throw fileProblem(`The file is not a readable .xlsx workbook (${(err as Error).message}).`)
  }
  const sheet = sheets.find((s) => s.sheet === LEDGER_SHEET) ?? sheets[0]
  if (!sheet) throw fileProblem('The workbook has no sheets.')
  return { rows: sheet.data.map((cells, i) => ({ number: i + 1, cells: cells.map(cellText) })) }
}

function readCsv(file: Buffer): LedgerGrid {
  const text = decodeText(file)
  if (text.includes('\u0000')) throw fileProblem('The file is neither an .xlsx workbook nor CSV text.')
  let records: string[][]
  try {
    records = parseCsv(text)
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err
    const column = LEDGER_COLUMNS[err.column - 1] ?? String(err.column)
    throw unprocessable(`The CSV is malformed at row ${err.row}, column ${column}: ${err.message}.`, [{ in: 'body', field: `row ${err.row}, column ${column}`, detail: err.message }])
  }
  return { rows: records.map((cells, i) => ({ number: i + 1, cells: cells.map(unguardFormula) })) }
}

/** The rows of an uploaded 台账, .xlsx or CSV told apart by content, not by name. */
export async function readLedgerFile(file: Buffer): Promise<LedgerGrid> {
  if (file.length === 0) throw fileProblem('The file is empty.')
  if (isLegacyXls(file)) throw fileProblem('This is an old .xls workbook: save it as .xlsx or CSV (UTF-8) and upload that.')
  return isZip(file) ? readXlsx(file) : readCsv(file)
}
