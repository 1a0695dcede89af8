import { getDocumentProxy } from 'unpdf'
import { printedText, type PrintedPage } from '../domain/printed-text.js'
import { Problem } from '../http/problem.js'
import { fileProblem, fileTooLarge } from './file-format.js'

/** A plan runs to tens of pages; a PDF of more is not one, and is refused before any page is read. */
export const MAX_PDF_PAGES = 1_000
/** Reading stops with a 422 once this much time has gone, whatever is left. */
export const PDF_TIME_BUDGET_MS = 30_000

interface TextItem { str: string; transform: number[]; width: number; height: number }

/**
 * The text of a PDF (unpdf's build of PDF.js): each page's text pieces with their places, made into
 * paragraphs by the pure layout rules of domain/printed-text. A PDF that needs a password, is
 * damaged, has no text layer (a scan) or runs too long is refused.
 */
export async function pdfText(bytes: Uint8Array, limits = { maxPages: MAX_PDF_PAGES, budgetMs: PDF_TIME_BUDGET_MS }): Promise<string> {
  const started = performance.now()
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // PDF.js may take over the buffer it is given; it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
  } catch (err) {
    const name = (err as Error).name
    if (name === 'PasswordException') throw fileProblem('The PDF is encrypted with a password: save or print it again without one and upload that.')
    throw fileProblem(`The file is not a readable PDF (${(err as Error).message}).`)
  }
  try {
    if (pdf.numPages > limits.maxPages) {
      throw fileTooLarge(`The PDF has ${pdf.numPages} pages; a plan is read from at most ${limits.maxPages}.`)
    }
    const pages: PrintedPage[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      if (performance.now() - started > limits.budgetMs) {
        throw fileProblem(`Reading the PDF took longer than ${limits.budgetMs / 1000} s (stopped at page ${n} of ${pdf.numPages}).`)
      }
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      pages.push({
        items: (content.items as TextItem[]).filter((i) => typeof i.str === 'string').map((i) => ({
          text: i.str, x: i.transform[4]!, y: i.transform[5]!, width: i.width,
          height: i.height || Math.hypot(i.transform[2]!, i.transform[3]!),
        })),
      })
      page.cleanup()
    }
    if (pages.every((p) => p.items.every((i) => i.text.trim() === ''))) {
      throw fileProblem('The PDF has no text layer (it looks scanned): text cannot be read from images here. Upload the Word file, or a PDF printed from it.')
    }
    return printedText(pages)
  } catch (err) {
    if (err instanceof Problem) throw err
    throw fileProblem(`The PDF could not be read (${(err as Error).message}).`)
  } finally {
    await pdf.destroy()
  }
}
