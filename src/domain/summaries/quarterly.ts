import { assessmentSections } from './assessment.js'
import type { QuarterlyContent } from './content.js'
import type { SummaryFacts } from './facts.js'
import { summaryHeader } from './header.js'
import { openInstructionLines } from './instructions.js'

/** 季度通报: per unit — tasks led, closed on time, overdue, reports on time — scored and ranked, with praise, criticism and the tasks escalated to the leaders. */
export function quarterlyNotice(facts: SummaryFacts): QuarterlyContent {
  if (facts.period.kind !== 'quarterly') throw new Error(`quarterlyNotice needs a quarterly period, not ${facts.period.kind}`)
  return { ...summaryHeader(facts.plan, facts.period, facts.asOf), kind: 'quarterly', ...assessmentSections(facts), instructions: openInstructionLines(facts) }
}
