import WordExtractor from 'word-extractor'
import { docxBodyLines, readNumbering } from './docx-body.js'
import { Problem } from '../http/problem.js'
import { fileProblem } from './file-format.js'

/**
 * The text of Word files, one paragraph a line. A .docx's word/document.xml (unzipped by
 * file-format's capped inflate) is read by docx-body's SAX walk. A .doc (Word 97–2003, also what
 * WPS saves as .doc) is read by word-extractor.
 */
const utf8 = (bytes: Uint8Array, what: string) => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw fileProblem(`The Word document is damaged: its ${what} is not UTF-8.`)
  }
}

export function docxText(docx: { body?: Uint8Array; numbering?: Uint8Array } | undefined): string {
  if (!docx?.body) throw fileProblem('The Word document has no body (word/document.xml is missing).')
  try {
    const numbering = docx.numbering ? readNumbering(utf8(docx.numbering, 'list numbering')) : undefined
    return docxBodyLines(utf8(docx.body, 'text'), numbering).join('\n')
  } catch (err) {
    if (err instanceof Problem) throw err
    throw fileProblem(`The Word document is damaged: its XML does not parse (${(err as Error).message}).`)
  }
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
