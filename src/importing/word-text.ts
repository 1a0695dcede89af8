import mammoth from 'mammoth'
import WordExtractor from 'word-extractor'
import { wordTableLines, type WordRow } from '../domain/plan-parser/word-tables.js'
import { fileProblem, zipEntries } from './file-format.js'

/**
 * The text of Word files, one paragraph a line. A .docx is read by mammoth (its document model:
 * paragraphs and tables in order, merged cells as row and column spans), after the zip has been
 * inflated once as a stream with a cap, since mammoth would inflate a zip bomb whole. A .doc
 * (Word 97–2003, also what WPS saves as .doc) is read by word-extractor.
 */

interface Element { type: string; value?: string; children?: Element[]; colSpan?: number; rowSpan?: number; breakType?: string }

function inlineText(element: Element): string {
  switch (element.type) {
    case 'text': return element.value ?? ''
    case 'tab': return '\t'
    case 'break': return element.breakType === 'line' ? '\n' : ''
    case 'deletedRun': return ''
    default: return (element.children ?? []).map(inlineText).join('')
  }
}

/** A table cell's paragraphs: nested tables read as their lines. */
function cellParagraphs(cell: Element): string[] {
  return (cell.children ?? []).flatMap((child) => (child.type === 'table' ? tableLines(child) : [inlineText(child)]))
}

function tableLines(table: Element): string[] {
  const rows: WordRow[] = (table.children ?? []).filter((r) => r.type === 'tableRow').map((row) =>
    (row.children ?? []).filter((c) => c.type === 'tableCell').map((cell) => ({
      paragraphs: cellParagraphs(cell), colSpan: cell.colSpan ?? 1, rowSpan: cell.rowSpan ?? 1,
    })))
  return wordTableLines(rows)
}

function blockLines(element: Element): string[] {
  if (element.type === 'table') return ['', ...tableLines(element), '']
  if (element.type === 'paragraph') return [inlineText(element)]
  return (element.children ?? []).flatMap(blockLines)
}

export async function docxText(bytes: Buffer): Promise<string> {
  zipEntries(bytes)
  let body: Element | undefined
  try {
    await mammoth.convertToHtml({ buffer: bytes }, {
      transformDocument: (document: Element) => {
        body = document
        // Only the document model is wanted: give mammoth nothing to render.
        return { ...document, children: [] }
      },
    })
  } catch (err) {
    throw fileProblem(`The file is not a readable Word document (${(err as Error).message}).`)
  }
  if (!body) throw fileProblem('The Word document has no body.')
  return (body.children ?? []).flatMap(blockLines).join('\n')
}

export async function docText(bytes: Buffer): Promise<string> {
  let body: string
  try {
    const document = await new WordExtractor().extract(bytes)
    // filterUnicode (default on) would turn — “ ” into - and plain quotes; the types omit the option.
    const getBody = document.getBody as unknown as (this: typeof document, options: { filterUnicode: boolean }) => string
    body = getBody.call(document, { filterUnicode: false })
  } catch (err) {
    throw fileProblem(`The file is not a readable Word 97–2003 document (${(err as Error).message}).`)
  }
  return body
}
