import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { planFileDocument, readPlanFile } from '../src/importing/plan-file.js'

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/plan-files/', import.meta.url))
const DOCX = ['beipiao-2021-plan.docx', 'anfu-2021-plan.docx', 'beipiao-2021-plan-table.docx', 'anfu-2021-plan-table.docx', 'merged-cells.docx']
const PDF = ['beipiao-2021-plan.pdf', 'anfu-2021-plan.pdf', 'anfu-running-headers.pdf', 'beipiao-2021-plan-table.pdf']
const WARM_UP_RUNS = 2
const TIMED_RUNS = 5
const LONG_PDF_PAGES = 300

/** Reads and parses a file as the route does, to the import document. */
async function parseFile(bytes: Buffer): Promise<void> {
  planFileDocument(await readPlanFile(bytes), undefined, '2026-11-20')
}

/** CPU time (user and system) so far, in ms: on a shared machine wall time measures the neighbours too. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** The median CPU time of TIMED_RUNS passes over all files, after warming up, in ms. */
async function timeFiles(files: Buffer[]): Promise<number> {
  for (let i = 0; i < WARM_UP_RUNS; i++) for (const f of files) await parseFile(f)
  const runs: number[] = []
  for (let i = 0; i < TIMED_RUNS; i++) {
    const started = cpuMs()
    for (const f of files) await parseFile(f)
    runs.push(cpuMs() - started)
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!
}

async function pageCount(bytes: Buffer): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount()
}

/** The Beipiao PDF's pages copied over and over to 300 pages (fonts shared, as one long document has them). */
async function longPdf(): Promise<Buffer> {
  const source = await PDFDocument.load(fs.readFileSync(path.join(FIXTURES, 'beipiao-2021-plan.pdf')))
  const doc = await PDFDocument.create()
  const indices = Array.from({ length: LONG_PDF_PAGES }, (_, i) => i % source.getPageCount())
  for (const page of await doc.copyPages(source, indices)) doc.addPage(page)
  return Buffer.from(await doc.save())
}

/**
 * Issue 13's figures: reading and parsing the fixture plan files (.docx per MB, PDF per page, warm),
 * and the peak RSS of a fresh process reading a 300-page PDF to text. Times are CPU time.
 */
export async function benchPlanFiles(): Promise<Record<string, number>> {
  const docx = DOCX.map((f) => fs.readFileSync(path.join(FIXTURES, f)))
  const pdf = PDF.map((f) => fs.readFileSync(path.join(FIXTURES, f)))
  const docxMb = docx.reduce((n, b) => n + b.length, 0) / (1024 * 1024)
  const pages = (await Promise.all(pdf.map(pageCount))).reduce((a, b) => a + b, 0)
  const docxMs = await timeFiles(docx)
  const pdfMs = await timeFiles(pdf)

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-pdf-'))
  try {
    const file = path.join(dir, 'long.pdf')
    fs.writeFileSync(file, await longPdf())
    const child = fileURLToPath(new URL('./plan-files-child.ts', import.meta.url))
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, file], { env: { ...process.env, NODE_OPTIONS: '' } })
    const { peakRssMb, ms, chars } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { peakRssMb: number; ms: number; chars: number }
    if (chars === 0) throw new Error('the 300-page PDF read as no text')
    return {
      parseDocxMsPerMb: Math.round(docxMs / docxMb),
      parseDocxFixturesMs: Math.round(docxMs),
      parsePdfMsPerPage: Math.round((pdfMs / pages) * 10) / 10,
      parsePdf300PagesMsPerPage: Math.round((ms / LONG_PDF_PAGES) * 10) / 10,
      parsePdf300PagesRssMb: peakRssMb,
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
