/** RFC 4180 CSV: fields separated by commas, records by CRLF, quoted when they hold a comma, quote or line break. */

const NEEDS_QUOTES = /[",\r\n]/

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

export function writeCsv(records: string[][]): string {
  return records.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export class CsvSyntaxError extends Error {
  constructor(readonly row: number, readonly column: number, message: string) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

/**
 * Parses CSV text into records. Accepts CRLF, LF or CR line ends and a missing final line end;
 * a quote inside an unquoted field, or text after a closing quote, is a syntax error naming its
 * 1-based row and column.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let afterQuote = false
  const endField = () => {
    record.push(field)
    field = ''
    afterQuote = false
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch !== '"') field += ch
      else if (text[i + 1] === '"') { field += '"'; i++ }
      else { quoted = false; afterQuote = true }
      continue
    }
    if (ch === ',') endField()
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
    } else if (afterQuote) {
      throw new CsvSyntaxError(records.length + 1, record.length + 1, 'text after a closing quote; a quote inside a quoted field is written twice ("")')
    } else if (ch === '"') {
      if (field !== '') throw new CsvSyntaxError(records.length + 1, record.length + 1, 'a quote inside an unquoted field; quote the whole field')
      quoted = true
    } else field += ch
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, record.length + 1, 'a quoted field is never closed')
  if (field !== '' || record.length > 0 || afterQuote) endRecord()
  return records
}
