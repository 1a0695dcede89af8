import {
  AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
  type IFontAttributesProperties,
} from 'docx'
import type { DocumentTable, SummaryDocument } from './document.js'

// Fonts and sizes of a government notice (GB/T 9704): title in 宋体 二号 bold, headings 黑体 三号,
// body 仿宋 三号, tables 宋体 五号. Sizes are in half-points.
const font = (eastAsia: string): IFontAttributesProperties => ({ eastAsia, ascii: 'Times New Roman', hAnsi: 'Times New Roman', hint: 'eastAsia' })
const TITLE = { font: font('宋体'), size: 44, bold: true }
const HEADING = { font: font('黑体'), size: 32 }
const BODY = { font: font('仿宋'), size: 32 }
const TABLE = { font: font('宋体'), size: 21 }
const mm = (n: number) => Math.round(n * 56.7)
/** Wider tables than this turn the page to landscape. */
const PORTRAIT_MAX_COLUMNS = 9

// Cells take their fonts from two paragraph styles rather than from each run: a table of thousands of cells
// stays a fraction of the size in memory and in the file.
const CELL_STYLE = 'SummaryTableText'
const HEADER_STYLE = 'SummaryTableHeader'
const paragraphStyles = [
  { id: CELL_STYLE, name: 'Summary table text', run: TABLE, paragraph: { spacing: { before: 0, after: 0 } } },
  { id: HEADER_STYLE, name: 'Summary table header', basedOn: CELL_STYLE, run: { ...TABLE, bold: true }, paragraph: { alignment: AlignmentType.CENTER } },
]
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' }

function cell(text: string, opts: { header?: boolean; right?: boolean }): TableCell {
  const style = opts.header ? HEADER_STYLE : CELL_STYLE
  const alignment = opts.right && !opts.header ? AlignmentType.RIGHT : undefined
  return new TableCell({
    children: text.split(/\r?\n/).map((line) => new Paragraph({ style, alignment, children: [new TextRun(line)] })),
    ...(opts.header ? { shading: HEADER_SHADING } : {}),
  })
}

function wordTable(t: DocumentTable): Table {
  const numeric = new Set(t.numeric ?? [])
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c) => cell(c, { header: true })) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { right: numeric.has(i) })) })),
    ],
  })
}

const bodyParagraph = (text: string) =>
  new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560, before: 0, after: 0 }, children: [new TextRun({ ...BODY, text })] })

/** The document as a Word file (.docx) an office can circulate. */
export async function writeDocx(doc: SummaryDocument): Promise<Buffer> {
  const wide = doc.sections.some((s) => s.blocks.some((b) => b.kind === 'table' && b.table.columns.length > PORTRAIT_MAX_COLUMNS))
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ ...TITLE, text: doc.title })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ ...BODY, text: `${doc.issuedBy}　${doc.dateLine}` })] }),
    bodyParagraph(doc.intro),
  ]
  for (const s of doc.sections) {
    children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { before: 240, after: 120 }, children: [new TextRun({ ...HEADING, text: s.heading })] }))
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') children.push(bodyParagraph(b.text))
      else children.push(wordTable(b.table), new Paragraph({ children: [] }))
    }
  }
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 480 }, children: [new TextRun({ ...BODY, text: doc.issuedBy })] }))
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ ...BODY, text: doc.dateLine })] }))

  const document = new Document({
    title: doc.title,
    creator: doc.issuedBy,
    description: doc.intro,
    styles: { default: { document: { run: BODY } }, paragraphStyles },
    sections: [{
      properties: {
        page: {
          size: { width: 11906, height: 16838, orientation: wide ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: wide ? { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35) } : { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
        },
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ ...TABLE, children: ['— ', PageNumber.CURRENT, ' —'] })] })],
        }),
      },
      children,
    }],
  })
  return Packer.toBuffer(document)
}
