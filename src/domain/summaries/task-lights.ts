import { assessLight, lightClock, type LightAssessment, type LightTarget } from '../lights.js'
import { countLitGroups, type LitGroup, type StatusLightCounts } from '../progress.js'
import type { SummaryFacts, TaskFacts } from './facts.js'

const NO_TARGETS: readonly LightTarget[] = []

/**
 * Every task's light on `asOf`, as the console and the reminders light it (src/domain/lights.ts) but over the
 * facts as they stood that day: its status, the deadline then in force, each yearly target's actual reported
 * by then, its dispatch and its latest report by then. Returns the counts by status and light and hands each
 * task lit red or yellow to `lit`; the assessments are not kept, since a plan has 100,000 tasks.
 */
export function summaryLights(facts: SummaryFacts, lit?: (task: TaskFacts, assessment: LightAssessment) => void): StatusLightCounts {
  const targetsOf = new Map<number, LightTarget[]>()
  for (const g of facts.targets) {
    const list = targetsOf.get(g.taskId)
    if (list) list.push(g)
    else targetsOf.set(g.taskId, [g])
  }
  const clock = lightClock(facts.asOf, facts.calendar)
  const groups = new Map<string, LitGroup>()
  for (const task of facts.tasks) {
    const assessment = assessLight({
      status: task.status, deadline: task.deadline, targets: targetsOf.get(task.id) ?? NO_TARGETS,
      dispatchedOn: task.dispatchedOn, lastReportedPeriod: task.lastReportedPeriod,
    }, facts.plan, clock)
    const key = `${task.status}/${assessment.light}`
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { status: task.status, light: assessment.light, count: 1 })
    if (lit && assessment.light !== 'green') lit(task, assessment)
  }
  return countLitGroups(groups.values())
}
