import type { Db } from '../src/db/client.js'
import type { SummaryContent } from '../src/mail/send-notification.js'
import { createSummariesRepository } from '../src/repositories/summaries.js'
import { renderSummary, SUMMARY_MEDIA_TYPES, summaryFileName } from '../src/summaries/render.js'

/** Rendered summaries kept per process: a notice mailed to every unit is rendered once, not once per unit. */
const CACHED = 4

/** A generated summary as mail: its title for the subject; the document as body and Word attachment, rendered at send time. */
export function createSummaryMail(db: Db) {
  const store = createSummariesRepository(db)
  const rendered = new Map<number, Promise<SummaryContent | null>>()
  async function render(summaryId: number): Promise<SummaryContent | null> {
    const summary = store.get(summaryId)
    if (!summary) return null
    return {
      text: renderSummary(summary, 'md'),
      html: renderSummary(summary, 'html'),
      attachment: { filename: summaryFileName(summary, 'docx'), content: await renderSummary(summary, 'docx'), contentType: SUMMARY_MEDIA_TYPES.docx },
    }
  }
  return {
    title: (summaryId: number): string | null => store.get(summaryId)?.title ?? null,
    content(summaryId: number): Promise<SummaryContent | null> {
      let entry = rendered.get(summaryId)
      if (!entry) {
        entry = render(summaryId)
        rendered.set(summaryId, entry)
        entry.catch(() => rendered.delete(summaryId))
        if (rendered.size > CACHED) rendered.delete(rendered.keys().next().value!)
      }
      return entry
    },
  }
}
