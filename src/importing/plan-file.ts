import { NotAPlanError, parsePlanText, type ParsedPlan } from '../domain/plan-parser/index.js'
import { badRequest, unprocessable, type ProblemField } from '../http/problem.js'
import { detectFormat, type FileFormat } from './file-format.js'
import type { ImportDocument, PlanFields, PlanIdentity } from './import-document.js'
import { ledgerDocument, type LedgerGrid } from './ledger.js'
import { readLedgerFile } from './ledger-files.js'
import type { ImportSource } from './plan-import.js'
import { pdfText } from './pdf-text.js'
import { planTextDocument } from './plan-text.js'
import { decodeText } from './text-decoding.js'
import { docText, docxText } from './word-text.js'

/**
 * A plan as the office received it — .docx, .doc, .pdf or text (UTF-8 or GB18030) — or a 台账
 * (.xlsx, CSV), told apart by content. Plans are read to text and parsed as the text route parses;
 * 台账 go to the ledger import. Either way the result is an ImportDocument for the one importer.
 */
export type PlanFileFormat = FileFormat | 'csv'

export type PlanFileContent =
  | { kind: 'plan'; format: Exclude<FileFormat, 'xlsx'>; text: string }
  | { kind: 'ledger'; format: 'xlsx' | 'csv'; grid: LedgerGrid }

/** A 台账 saved as CSV starts with its header row: 序号 first, cells separated by commas. */
const LEDGER_CSV_HEADER = /^\s*"?序号"?\s*,/

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
}

export async function readPlanFile(bytes: Buffer): Promise<PlanFileContent> {
  const { format, docx } = detectFormat(bytes)
  switch (format) {
    case 'pdf': return { kind: 'plan', format, text: await pdfText(bytes) }
    case 'docx': return { kind: 'plan', format, text: docxText(docx) }
    case 'doc': return { kind: 'plan', format, text: await docText(bytes) }
    case 'xlsx': return { kind: 'ledger', format, grid: await readLedgerFile(bytes) }
    case 'text': {
      const text = decodeText(bytes)
      if (LEDGER_CSV_HEADER.test(firstLine(text))) return { kind: 'ledger', format: 'csv', grid: await readLedgerFile(bytes) }
      return { kind: 'plan', format, text }
    }
  }
}

/** How a request names the plan: by id, or by title and period (as the ledger import does). */
export interface PlanNaming { planId?: number; title?: string; docNumber?: string; startYear?: number; endYear?: number }

/** The plan a request names; undefined when it names none. Both ways at once, or a title without its period, is 400. */
export function namedPlan(n: PlanNaming): PlanIdentity | undefined {
  const byFields = n.title !== undefined || n.docNumber !== undefined || n.startYear !== undefined || n.endYear !== undefined
  if (n.planId !== undefined) {
    if (byFields) throw badRequest('Name the plan by planId or by title and period, not both.', [{ in: 'body', field: 'planId', detail: 'give either planId or title, startYear and endYear' }])
    return { id: n.planId }
  }
  if (!byFields) return undefined
  const missing = (['title', 'startYear', 'endYear'] as const).filter((f) => n[f] === undefined)
  if (missing.length) throw badRequest('Name the plan: planId, or title, startYear and endYear.', missing.map((field): ProblemField => ({ in: 'body', field, detail: 'is required without planId' })))
  return { fields: { title: n.title!, docNumber: n.docNumber ?? null, startYear: n.startYear!, endYear: n.endYear! } }
}

export function parsePlanFileText(text: string, field = 'file'): ParsedPlan {
  try {
    return parsePlanText(text)
  } catch (err) {
    if (err instanceof NotAPlanError) throw unprocessable(`This ${field === 'text' ? 'text' : 'file'} is not a plan: ${err.message}`, [{ in: 'body', field, detail: err.message }])
    throw err
  }
}

export interface PlanFileImport { doc: ImportDocument; source: ImportSource; format: PlanFileFormat; parse?: ParsedPlan }

/**
 * The import document for a read file. A plan's own heading names it unless the request names the
 * plan (fields given override what was read); a 台账 says nothing of its plan, so the request must.
 */
export function planFileDocument(content: PlanFileContent, plan: PlanIdentity | undefined, today: string): PlanFileImport {
  if (content.kind === 'ledger') {
    if (!plan) {
      throw badRequest('A 台账 does not say which plan it belongs to: give planId, or title, startYear and endYear.',
        [{ in: 'body', field: 'planId', detail: 'is required for a 台账 (.xlsx or CSV) without title, startYear and endYear' }])
    }
    return { doc: ledgerDocument(content.grid, plan), source: 'ledger', format: content.format }
  }
  const parse = parsePlanFileText(content.text)
  const doc = planTextDocument(parse, today)
  if (plan) doc.plan = 'id' in plan ? plan : { fields: { ...(doc.plan as { fields: PlanFields }).fields, ...plan.fields, docNumber: plan.fields.docNumber ?? parse.docNumber } }
  return { doc, source: 'plan-file', format: content.format, parse }
}
