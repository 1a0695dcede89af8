import { assessmentSections } from './assessment.js'
import type { AnnualContent } from './content.js'
import type { SummaryFacts } from './facts.js'
import { summaryHeader } from './header.js'
import { targetResultLines } from './targets.js'
import { taskOrder } from './task-order.js'

/** 年度考核: the quarterly notice's assessment over the whole year, plus each yearly target met or not. */
export function annualAssessment(facts: SummaryFacts): AnnualContent {
  if (facts.period.kind !== 'annual') throw new Error(`annualAssessment needs an annual period, not ${facts.period.kind}`)
  const order = taskOrder(facts.tasks)
  return {
    ...summaryHeader(facts.plan, facts.period, facts.asOf),
    kind: 'annual',
    ...assessmentSections(facts, order),
    targets: targetResultLines(facts.targets, facts.tasks, facts.period.year, facts.asOf, order),
  }
}
