import { shanghaiDate } from '../domain/dates.js'
import type { SummaryRow } from '../repositories/summaries.js'
import { summaryDocument } from './document.js'
import { writeDocx } from './render-docx.js'
import { writeHtml } from './render-html.js'
import { writeMarkdown } from './render-markdown.js'

export const SUMMARY_FORMATS = ['json', 'md', 'html', 'docx'] as const
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number]
export type TextFormat = Exclude<SummaryFormat, 'docx'>

export const SUMMARY_MEDIA_TYPES: Record<SummaryFormat, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

/** The file a download or a mail attachment is named: the summary's title. */
export const summaryFileName = (summary: Pick<SummaryRow, 'title'>, format: SummaryFormat) => `${summary.title}.${format}`

type Renderable = Pick<SummaryRow, 'content' | 'generatedAt'>

/**
 * A summary as a file: its content as JSON, or the circulated document as Markdown, HTML (the mail body)
 * or Word (the attachment). Text formats are returned at once; Word is zipped asynchronously.
 */
export function renderSummary(summary: Renderable, format: 'docx'): Promise<Buffer>
export function renderSummary(summary: Renderable, format: TextFormat): string
export function renderSummary(summary: Renderable, format: SummaryFormat): string | Promise<Buffer>
export function renderSummary(summary: Renderable, format: SummaryFormat): string | Promise<Buffer> {
  if (format === 'json') return JSON.stringify(summary.content)
  const doc = summaryDocument(summary.content, shanghaiDate(new Date(summary.generatedAt)))
  if (format === 'md') return writeMarkdown(doc)
  if (format === 'html') return writeHtml(doc)
  return writeDocx(doc)
}
