import type { SummaryHeader } from './content.js'
import type { PlanFacts } from './facts.js'
import type { SummaryPeriod } from './period.js'

const TITLE_SUFFIX = { monthly: '调度情况', quarterly: '推进情况通报', annual: '度考核结果' } as const

/** The leading group's office, named after the place in the plan's issuer (北票市人民政府办公室 → 北票市…). */
export function issuingOffice(issuer: string | null): string {
  const place = issuer ? /^(.+?[市县区州盟旗])/.exec(issuer)?.[1] ?? '' : ''
  return `${place}城市更新工作领导小组办公室`
}

export function summaryHeader(plan: PlanFacts, period: SummaryPeriod, asOf: string): SummaryHeader {
  return {
    kind: period.kind,
    planId: plan.id,
    planTitle: plan.title,
    docNumber: plan.docNumber,
    period: period.label,
    periodName: period.name,
    from: period.from,
    to: period.to,
    asOf,
    title: `《${plan.title}》${period.name}${TITLE_SUFFIX[period.kind]}`,
    issuedBy: issuingOffice(plan.issuer),
  }
}
