import type { DocumentTable, SummaryDocument } from './document.js'

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const STYLE = `body{font-family:"FangSong","仿宋","STFangsong",serif;font-size:16px;line-height:1.7;color:#111;max-width:1080px;margin:2em auto;padding:0 1em}
h1{font-family:"SimSun","宋体","STSong",serif;font-size:24px;text-align:center;margin:0.5em 0}
h2{font-family:"SimHei","黑体","STHeiti",sans-serif;font-size:18px;margin:1.4em 0 0.6em}
p.issued{text-align:center;color:#333}
table{border-collapse:collapse;width:100%;margin:0.6em 0;font-family:"SimSun","宋体",serif;font-size:14px}
th,td{border:1px solid #444;padding:4px 6px;vertical-align:top}
th{background:#eee;font-weight:bold;text-align:center}
td.num{text-align:right;white-space:nowrap}`

function htmlTable(t: DocumentTable): string {
  const numeric = new Set(t.numeric ?? [])
  const head = t.columns.map((c) => `<th>${escape(c)}</th>`).join('')
  const body = t.rows.map((r) => `<tr>${r.map((v, i) => `<td${numeric.has(i) ? ' class="num" align="right"' : ''}>${escape(v).replace(/\r?\n/g, '<br>')}</td>`).join('')}</tr>`).join('\n')
  return `<table border="1" cellspacing="0" cellpadding="4">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

/** The document as one self-contained HTML page (also the mail body). */
export function writeHtml(doc: SummaryDocument): string {
  const parts = [
    '<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">', `<title>${escape(doc.title)}</title>`, `<style>${STYLE}</style>`, '</head>', '<body>',
    `<h1>${escape(doc.title)}</h1>`,
    `<p class="issued">${escape(doc.issuedBy)}　${escape(doc.dateLine)}</p>`,
    `<p>${escape(doc.intro)}</p>`,
  ]
  for (const s of doc.sections) {
    parts.push(`<h2>${escape(s.heading)}</h2>`)
    for (const b of s.blocks) parts.push(b.kind === 'paragraph' ? `<p>${escape(b.text)}</p>` : htmlTable(b.table))
  }
  parts.push('</body>', '</html>')
  return `${parts.join('\n')}\n`
}
