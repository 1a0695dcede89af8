import { countByStatusAndLight, type LightGroup, type StatusLightCounts } from '../progress.js'
import type { TaskStatus } from '../task-status.js'
import type { DeadlineClock } from './deadline-clock.js'
import type { TaskFacts } from './facts.js'

/** Counts by status and light on the clock's day, from tasks grouped by status and deadline. */
export function overviewOf(tasks: readonly TaskFacts[], clock: DeadlineClock): StatusLightCounts {
  const groups = new Map<TaskStatus, Map<string | null, number>>()
  for (const t of tasks) {
    let byDeadline = groups.get(t.status)
    if (!byDeadline) groups.set(t.status, (byDeadline = new Map()))
    byDeadline.set(t.deadline, (byDeadline.get(t.deadline) ?? 0) + 1)
  }
  const lightGroups: LightGroup[] = []
  for (const [status, byDeadline] of groups) {
    for (const [deadline, count] of byDeadline) lightGroups.push({ status, deadline, yellowFrom: clock.yellowFromOf(deadline), count })
  }
  return countByStatusAndLight(lightGroups, clock.asOf)
}
