import { unitScorecard, type LedTask } from '../progress.js'
import type { AssessmentSections } from './content.js'
import type { SummaryFacts } from './facts.js'
import { rankUnits, type UnitFigures } from './scoring.js'
import { summaryLights } from './task-lights.js'
import { escalatedTaskLines, unitNamesOf } from './task-lines.js'
import { taskOrder, type TaskOrder } from './task-order.js'
import { criticismList, praiseList } from './verdicts.js'

/** Per lead unit: the scorecard on `asOf`, its reports over the period's months and the escalations opened in the period. */
export function unitFigures(facts: SummaryFacts): UnitFigures[] {
  const { period, asOf } = facts
  const led = new Map<number, LedTask[]>()
  const leadsOf = new Map<number, number[]>()
  for (const t of facts.tasks) {
    leadsOf.set(t.id, t.leadUnitIds)
    for (const unitId of t.leadUnitIds) {
      let list = led.get(unitId)
      if (!list) led.set(unitId, (list = []))
      list.push(t)
    }
  }
  const reports = new Map<number, { due: number; onTime: number; late: number; missing: number }>()
  for (const s of facts.reportStats) {
    const r = reports.get(s.unitId) ?? { due: 0, onTime: 0, late: 0, missing: 0 }
    r.due += s.due
    r.onTime += s.onTime
    r.late += s.late
    r.missing += s.missingTaskIds.length
    reports.set(s.unitId, r)
  }
  const escalated = new Map<number, { l2: number; l3: number }>()
  for (const e of facts.escalations) {
    if (e.openedOn < period.from || e.openedOn > asOf || e.level < 2) continue
    for (const unitId of leadsOf.get(e.taskId) ?? []) {
      const c = escalated.get(unitId) ?? { l2: 0, l3: 0 }
      if (e.level === 2) c.l2++
      else c.l3++
      escalated.set(unitId, c)
    }
  }
  const figures: UnitFigures[] = []
  for (const unit of facts.units) {
    const card = unitScorecard(led.get(unit.id) ?? [], [], asOf)
    const r = reports.get(unit.id) ?? { due: 0, onTime: 0, late: 0, missing: 0 }
    if (card.tasksLed === 0 && r.due === 0) continue
    const e = escalated.get(unit.id) ?? { l2: 0, l3: 0 }
    figures.push({
      unitId: unit.id, unit: unit.name, tasksLed: card.tasksLed, closedOnTime: card.closedOnTime, closedLate: card.closed - card.closedOnTime,
      overdue: card.overdue, reportsDue: r.due, reportsOnTime: r.onTime, reportsLate: r.late, reportsMissing: r.missing,
      escalationsL2: e.l2, escalationsL3: e.l3,
    })
  }
  return figures
}

/** What the quarterly notice and the annual assessment share: overview, ranking, praise, criticism, L3 tasks. */
export function assessmentSections(facts: SummaryFacts, order: TaskOrder = taskOrder(facts.tasks)): AssessmentSections {
  const units = rankUnits(unitFigures(facts))
  return {
    overview: summaryLights(facts),
    units,
    praised: praiseList(units),
    criticised: criticismList(units),
    escalatedTasks: escalatedTaskLines(facts.tasks, facts.escalations, facts.period, unitNamesOf(facts.units), order),
  }
}
