import type { WorkingCalendar } from './calendar.js'
import { FINISHED_STATUSES, type TaskStatus } from './task-status.js'

export const LIGHTS = ['green', 'yellow', 'red'] as const
export type Light = (typeof LIGHTS)[number]

export const DEFAULT_YELLOW_DAYS = 5

/**
 * First day on which a deadline counts as "within `yellowDays` working days": from then on at most
 * `yellowDays` working days remain after today up to and including the deadline.
 */
export function yellowFrom(deadline: string | null, yellowDays: number, calendar: WorkingCalendar): string | null {
  if (!deadline) return null
  return calendar.nthWorkingDayOnOrBefore(deadline, yellowDays + 1)
}

export interface LightInput {
  status: TaskStatus
  deadline: string | null
  yellowFrom: string | null
}

/** 亮灯: red past the deadline and not finished; yellow inside the window; otherwise green. */
export function lightOf(task: LightInput, today: string): Light {
  if (!task.deadline || FINISHED_STATUSES.includes(task.status)) return 'green'
  if (today > task.deadline) return 'red'
  if (task.yellowFrom && today >= task.yellowFrom) return 'yellow'
  return 'green'
}
