import { NOTICE_COLOUR_LABELS } from '../domain/supervision.js'
import { chineseDate } from '../mail/templates.js'
import type { Notice } from '../repositories/notices.js'
import type { SummaryDocument } from '../summaries/document.js'
import { writeDocx } from '../summaries/render-docx.js'

const ISSUER = '督查室'

/** A 督办单 in the usual form, laid out like the summaries so the same Word writer prints it. */
export function noticeDocument(n: Notice, planTitle: string): SummaryDocument {
  const p = (text: string) => ({ kind: 'paragraph' as const, text })
  return {
    title: `${NOTICE_COLOUR_LABELS[n.colour]}督办单`,
    issuedBy: ISSUER,
    dateLine: chineseDate(n.issuedOn),
    intro: `${n.number}　　主送:${n.unitName}`,
    sections: [
      { heading: '一、督办事项', blocks: [p(`《${planTitle}》第${n.taskNumber}项:${n.taskTitle}`)] },
      { heading: '二、存在问题', blocks: [p(n.problem)] },
      { heading: '三、督办要求', blocks: [p(n.requirement)] },
      { heading: '四、反馈时限', blocks: [p(`请于${chineseDate(n.replyBy)}前将办理情况书面反馈${ISSUER}。`)] },
      { heading: '五、签发', blocks: [p(n.issuedByName ? `${ISSUER}　${n.issuedByName}` : `${ISSUER}(督办系统按督办规则自动发出)`)] },
    ],
  }
}

export const noticeDocx = (n: Notice, planTitle: string) => writeDocx(noticeDocument(n, planTitle))
export const noticeFileName = (n: Notice) => `${n.number}.docx`
