import type { WorkingCalendar } from '../calendar.js'
import { addDays, DateRangeError, MAX_DAYS_WALKED } from '../dates.js'
import { lightOf, yellowFrom, type Light } from '../lights.js'
import type { TaskStatus } from '../task-status.js'

/**
 * Lights and working days overdue on one day, computed once per deadline: a plan of 100,000 tasks has only
 * a few hundred distinct deadlines.
 */
export function deadlineClock(asOf: string, yellowDays: number, calendar: WorkingCalendar) {
  const yellow = new Map<string, string | null>()
  const yellowFromOf = (deadline: string | null): string | null => {
    if (!deadline) return null
    let from = yellow.get(deadline)
    if (from === undefined) yellow.set(deadline, (from = yellowFrom(deadline, yellowDays, calendar)))
    return from
  }
  // Working days in (date, asOf], filled in walking back from asOf as far as the earliest deadline asked for.
  const after = new Map<string, number>([[asOf, 0]])
  let earliest = asOf
  return {
    asOf,
    yellowFromOf,
    light: (task: { status: TaskStatus; deadline: string | null }): Light =>
      lightOf({ status: task.status, deadline: task.deadline, yellowFrom: yellowFromOf(task.deadline) }, asOf),
    /** Working days after `deadline` up to and including `asOf` (0 when the deadline is not past). */
    workingDaysOverdue(deadline: string): number {
      if (deadline >= asOf) return 0
      while (earliest > deadline) {
        if (after.size > MAX_DAYS_WALKED) throw new DateRangeError(`${deadline} is too long before ${asOf}`)
        const count = after.get(earliest)! + (calendar.isWorkday(earliest) ? 1 : 0)
        earliest = addDays(earliest, -1)
        after.set(earliest, count)
      }
      return after.get(deadline)!
    },
  }
}
export type DeadlineClock = ReturnType<typeof deadlineClock>
