import { annualAssessment } from './annual.js'
import type { SummaryContent } from './content.js'
import type { SummaryFacts } from './facts.js'
import { monthlySummary } from './monthly.js'
import { quarterlyNotice } from './quarterly.js'

/** The summary the facts' period asks for. */
export function computeSummary(facts: SummaryFacts): SummaryContent {
  switch (facts.period.kind) {
    case 'monthly': return monthlySummary(facts)
    case 'quarterly': return quarterlyNotice(facts)
    case 'annual': return annualAssessment(facts)
  }
}
