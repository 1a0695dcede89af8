import type { DocumentTable, SummaryDocument } from './document.js'

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')

function markdownTable(t: DocumentTable): string[] {
  const numeric = new Set(t.numeric ?? [])
  return [
    `| ${t.columns.map(cell).join(' | ')} |`,
    `| ${t.columns.map((_, i) => (numeric.has(i) ? '---:' : '---')).join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ]
}

/** The document as Markdown (GitHub tables). */
export function writeMarkdown(doc: SummaryDocument): string {
  const lines = [`# ${doc.title}`, '', `${doc.issuedBy}　${doc.dateLine}`, '', doc.intro]
  for (const s of doc.sections) {
    lines.push('', `## ${s.heading}`)
    for (const b of s.blocks) lines.push('', ...(b.kind === 'paragraph' ? [b.text] : markdownTable(b.table)))
  }
  return `${lines.join('\n')}\n`
}
