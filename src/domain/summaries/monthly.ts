import type { MissedReportLine, MonthlyContent, ProblemLine } from './content.js'
import type { SummaryFacts } from './facts.js'
import { summaryHeader } from './header.js'
import { summaryLights } from './task-lights.js'
import { closedTaskLines, litTaskLines, unitNamesOf } from './task-lines.js'
import { taskOrder } from './task-order.js'
import { targetProgressLines } from './targets.js'
import { openInstructionLines } from './instructions.js'

/** 月调度: the plan's month — counts, closes, red and yellow tasks with why, missed reports, targets against 序时进度, problems raised. */
export function monthlySummary(facts: SummaryFacts): MonthlyContent {
  if (facts.period.kind !== 'monthly') throw new Error(`monthlySummary needs a monthly period, not ${facts.period.kind}`)
  const names = unitNamesOf(facts.units)
  const order = taskOrder(facts.tasks)
  const lit = litTaskLines(facts.escalations, names)
  const overview = summaryLights(facts, lit.add)
  const { overdue, warnings } = lit.sorted(order)
  const unitName = (id: number) => names([id])[0]!
  const numbers = new Map<number, string>()
  for (const t of facts.tasks) numbers.set(t.id, t.number)
  const numberOf = (taskId: number) => numbers.get(taskId) ?? `#${taskId}`

  const missedReports: MissedReportLine[] = facts.reportStats
    .filter((s) => s.missingTaskIds.length > 0)
    .map((s) => ({
      unitId: s.unitId, unit: unitName(s.unitId), due: s.due, missing: s.missingTaskIds.length,
      taskNumbers: order.sortIds([...s.missingTaskIds]).map(numberOf),
    }))
    .sort((a, b) => b.missing - a.missing || a.unitId - b.unitId)

  const problems: ProblemLine[] = order.sort(
    facts.problems.map((p) => ({ taskId: p.taskId, taskNumber: numberOf(p.taskId), unitId: p.unitId, unit: unitName(p.unitId), month: p.month, problems: p.problems })),
    { then: (a, b) => a.unitId - b.unitId || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) },
  )

  return {
    ...summaryHeader(facts.plan, facts.period, facts.asOf),
    kind: 'monthly',
    overview,
    closed: closedTaskLines(facts.tasks, facts.period, names, order),
    overdue,
    warnings,
    missedReports,
    targets: targetProgressLines(facts.targets, facts.tasks, facts.period.year, facts.asOf, order),
    problems,
    instructions: openInstructionLines(facts),
  }
}
