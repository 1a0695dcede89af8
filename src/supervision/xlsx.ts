import writeXlsxFile, { type Row } from 'write-excel-file/node'

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface Sheet { name: string; columns: string[]; widths: number[]; rows: (string | number)[][] }

// Spreadsheets run a cell starting with = + - @ as a formula; such text is written with a leading '.
const guard = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)

/** The desk's lists as one workbook, a sheet each, bold sticky headers (as the 台账 export writes them). */
export function writeSheets(sheets: Sheet[]): Promise<Buffer> {
  return writeXlsxFile(sheets.map((s) => ({
    sheet: s.name,
    stickyRowsCount: 1,
    columns: s.widths.map((width) => ({ width })),
    data: [
      s.columns.map((c) => ({ value: c, fontWeight: 'bold' as const, align: 'center' as const })) as Row,
      ...s.rows.map((r) => r.map(guard) as Row),
    ],
  }))).toBuffer()
}
