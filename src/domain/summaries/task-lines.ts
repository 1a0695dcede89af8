import type { ClosedTaskLine, EscalatedTaskLine, OverdueTaskLine } from './content.js'
import type { DeadlineClock } from './deadline-clock.js'
import type { EscalationFacts, TaskFacts, UnitFacts } from './facts.js'
import type { SummaryPeriod } from './period.js'
import type { TaskOrder } from './task-order.js'

export type UnitNames = (ids: readonly number[]) => string[]

export function unitNamesOf(units: readonly UnitFacts[]): UnitNames {
  const byId = new Map(units.map((u) => [u.id, u.name]))
  return (ids) => ids.map((id) => byId.get(id) ?? `#${id}`)
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Tasks closed (销号) within the period, in document order. */
export function closedTaskLines(tasks: readonly TaskFacts[], period: SummaryPeriod, names: UnitNames, order: TaskOrder): ClosedTaskLine[] {
  const lines: ClosedTaskLine[] = []
  for (const t of tasks) {
    const closedOn = t.closedOn
    if (closedOn === null || closedOn < period.from || closedOn > period.to) continue
    lines.push({ taskId: t.id, number: t.number, title: t.title, leadUnits: names(t.leadUnitIds), deadline: t.deadline, closedOn, onTime: t.deadline === null || closedOn <= t.deadline })
  }
  return order.sort(lines)
}

/** The highest level escalated per task and deadline. */
export function escalationLevels(escalations: readonly EscalationFacts[]): (taskId: number, deadline: string | null) => number {
  const levels = new Map<string, number>()
  for (const e of escalations) {
    const key = `${e.taskId}|${e.deadline}`
    levels.set(key, Math.max(levels.get(key) ?? 0, e.level))
  }
  return (taskId, deadline) => (levels.size === 0 ? 0 : levels.get(`${taskId}|${deadline}`) ?? 0)
}

/**
 * Tasks dispatched and red on the as-of day: the longest overdue first, then in document order. A draft past
 * its date lights red too, but no unit holds it yet, so it is not listed against one.
 */
export function overdueTaskLines(tasks: readonly TaskFacts[], clock: DeadlineClock, escalations: readonly EscalationFacts[], names: UnitNames, order: TaskOrder): OverdueTaskLine[] {
  const levelOf = escalationLevels(escalations)
  const lines: OverdueTaskLine[] = []
  for (const t of tasks) {
    if (t.status === 'draft' || clock.light(t) !== 'red') continue
    const deadline = t.deadline!
    lines.push({
      taskId: t.id, number: t.number, title: t.title, leadUnits: names(t.leadUnitIds), deadline, status: t.status,
      workingDaysOverdue: clock.workingDaysOverdue(deadline), escalationLevel: levelOf(t.id, deadline),
    })
  }
  return order.sort(lines, { first: (a, b) => b.workingDaysOverdue - a.workingDaysOverdue })
}

/** Tasks escalated to the leaders (L3) during the period: named in the next notice. One line per task and deadline. */
export function escalatedTaskLines(tasks: readonly TaskFacts[], escalations: readonly EscalationFacts[], period: SummaryPeriod, names: UnitNames, order: TaskOrder): EscalatedTaskLine[] {
  const escalated = new Set(escalations.filter((e) => e.level === 3).map((e) => e.taskId))
  const byId = new Map(tasks.filter((t) => escalated.has(t.id)).map((t) => [t.id, t]))
  const lines: EscalatedTaskLine[] = []
  for (const e of escalations) {
    const t = byId.get(e.taskId)
    if (e.level !== 3 || !t || e.openedOn < period.from || e.openedOn > period.to) continue
    lines.push({ taskId: t.id, number: t.number, title: t.title, leadUnits: names(t.leadUnitIds), deadline: e.deadline, openedOn: e.openedOn, escalationStatus: e.status, status: t.status })
  }
  return order.sort(lines, { then: (a, b) => compareText(a.deadline ?? '', b.deadline ?? '') })
}
