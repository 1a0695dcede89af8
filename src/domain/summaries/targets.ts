import { elapsedShare, targetProgress } from '../progress.js'
import type { TargetProgressLine, TargetResultLine } from './content.js'
import type { TargetFacts, TaskFacts } from './facts.js'
import type { TaskOrder } from './task-order.js'

const percent = (ratio: number) => Math.round(ratio * 1000) / 10

/** The targets of `year` of tasks not cancelled, with their task numbers, in document order (then target id). */
function inTaskOrder<T extends { targetId: number; taskId: number; taskNumber: string }>(
  targets: readonly TargetFacts[], tasks: readonly TaskFacts[], year: number, order: TaskOrder, line: (g: TargetFacts, taskNumber: string) => T,
): T[] {
  const numbers = new Map<number, string>()
  for (const t of tasks) if (t.status !== 'cancelled') numbers.set(t.id, t.number)
  const lines: T[] = []
  for (const g of targets) {
    if (g.year !== year) continue
    const number = numbers.get(g.taskId)
    if (number !== undefined) lines.push(line(g, number))
  }
  return order.sort(lines, { then: (a, b) => a.targetId - b.targetId })
}

/** Each target of `year` of a task not cancelled: actual vs target vs expected-to-date (序时进度) on `asOf`. */
export function targetProgressLines(targets: readonly TargetFacts[], tasks: readonly TaskFacts[], year: number, asOf: string, order: TaskOrder): TargetProgressLine[] {
  return inTaskOrder(targets, tasks, year, order, (g, taskNumber) => {
    const p = targetProgress(g, g.actual, asOf)
    return {
      targetId: g.id, taskId: g.taskId, taskNumber, description: g.description, measure: g.measure, value: g.value, actual: g.actual,
      expectedToDate: p.expectedToDate,
      completionPercent: p.completion === null ? null : percent(p.completion),
      expectedPercent: percent(elapsedShare(g.year, g.dueOn, asOf)),
      behind: p.onPace === null ? null : !p.onPace,
    }
  })
}

/** Each target of `year` of a task not cancelled: met or not. */
export function targetResultLines(targets: readonly TargetFacts[], tasks: readonly TaskFacts[], year: number, asOf: string, order: TaskOrder): TargetResultLine[] {
  return inTaskOrder(targets, tasks, year, order, (g, taskNumber) => {
    const p = targetProgress(g, g.actual, asOf)
    return {
      targetId: g.id, taskId: g.taskId, taskNumber, description: g.description, measure: g.measure, value: g.value, actual: g.actual,
      completionPercent: p.completion === null ? null : percent(p.completion),
      met: g.value === null ? null : (g.actual ?? 0) >= g.value,
    }
  })
}
