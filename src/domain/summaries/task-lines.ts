import type { LightAssessment } from '../lights.js'
import type { ClosedTaskLine, EscalatedTaskLine, OverdueTaskLine, WarningTaskLine } from './content.js'
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
 * The tasks dispatched and lit on the as-of day, with why, collected as the lights are assessed (`add`):
 * red ones (overdue) past the deadline they were held to — their own, a target's due date or the plan's
 * end — or with a yearly target due and unmet; yellow ones (warnings, 预警) due soon, with their month's
 * report missing or a target behind 序时进度. A draft lights too, but no unit holds it yet, so it is not
 * listed against one.
 */
export function litTaskLines(escalations: readonly EscalationFacts[], names: UnitNames) {
  const levelOf = escalationLevels(escalations)
  const overdue: OverdueTaskLine[] = []
  const warnings: WarningTaskLine[] = []
  return {
    add(t: TaskFacts, a: LightAssessment): void {
      if (t.status === 'draft' || a.light === 'green') return
      // An exact copy: the assessment's array was grown for pushing, and tens of thousands of lines keep theirs.
      const reasons = a.reasons.slice()
      if (a.light === 'yellow') {
        warnings.push({ taskId: t.id, number: t.number, title: t.title, leadUnits: names(t.leadUnitIds), deadline: a.deadline, deadlineSource: a.deadlineSource, status: t.status, reasons })
        return
      }
      let days = 0
      for (const r of reasons) if (r.kind === 'overdue') days = r.days
      overdue.push({
        taskId: t.id, number: t.number, title: t.title, leadUnits: names(t.leadUnitIds), deadline: a.deadline, deadlineSource: a.deadlineSource, status: t.status, reasons,
        // The ladder escalates the deadline a task is held to, as the lights hold it.
        workingDaysOverdue: days, escalationLevel: levelOf(t.id, a.deadline),
      })
    },
    /** The red ones, longest overdue first, and the yellow ones, nearest deadline first; then in document order. */
    sorted(order: TaskOrder): { overdue: OverdueTaskLine[]; warnings: WarningTaskLine[] } {
      return {
        overdue: order.sort(overdue, { first: (a, b) => b.workingDaysOverdue - a.workingDaysOverdue }),
        warnings: order.sort(warnings, { first: (a, b) => compareText(a.deadline, b.deadline) }),
      }
    },
  }
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
