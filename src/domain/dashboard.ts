import type { TaskStatus } from './task-status.js'

// The leaders' dashboard (驾驶舱): rates and the monthly trend rebuilt from history. Pure; dates are
// YYYY-MM-DD in Asia/Shanghai, instants ISO-8601 UTC as the app stamps them.

/** A share 0–1 rounded to four places; null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1e4) / 1e4)

/** The months (YYYY-MM) from `first` through `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = []
  let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))]
  for (let p = first; p <= last; p = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(p)
    if (++m === 13) { m = 1; y++ }
  }
  return out
}

/** The last day of a month (YYYY-MM). */
export function lastDayOf(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))]
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** One task's history, as far as the trend needs it. */
export interface TaskHistory {
  status: TaskStatus
  closedAt: string | null
  /** Status changes, oldest first. */
  transitions: { at: string; from: TaskStatus; to: TaskStatus }[]
  deadline: string | null
  /** Approved extensions, oldest decision first: before `decidedAt` the task was held to `oldDeadline`. */
  extensions: { decidedAt: string; oldDeadline: string | null }[]
  /** The plan's end (31 December of its last year): a task without a deadline of its own is overdue after it. */
  planEnd: string
  /** Yearly targets with a value, and their actuals as reported: the lead's, latest period last. */
  targets: { value: number; dueOn: string; actuals: { at: string; actual: number }[] }[]
}

/** The status a task had at instant `end`; see src/summaries/load.ts, which reads history the same way. */
export function statusAt(task: TaskHistory, end: string): TaskStatus {
  let status: TaskStatus | null = null
  for (const x of task.transitions) {
    if (x.at < end) status = x.to
    else break
  }
  if (status !== null) return status
  if (task.transitions.length) return task.transitions[0]!.from
  return task.status === 'closed' && !(task.closedAt !== null && task.closedAt < end) ? 'completion_requested' : task.status
}

/** The deadline in force at `end`: an extension approved later had not yet moved it. */
export function deadlineAt(task: TaskHistory, end: string): string | null {
  for (const e of task.extensions) if (e.decidedAt >= end) return e.oldDeadline
  return task.deadline
}

export interface TrendCounts { closed: number; overdue: number; red: number }

/**
 * How one task counted at the end of day `date` (`end` is the instant that day ends): closed; overdue (not
 * finished, past the deadline then in force or, without one, the plan's end); red (overdue, or a yearly target
 * due before then and not reached by the actuals reported by then). Like the summaries, every task of the plan
 * counts in every month (creation times are the database's, not the app's clock); before its first transition
 * a task is in the status that transition left.
 */
export function countAt(task: TaskHistory, date: string, end: string, into: TrendCounts): void {
  const status = statusAt(task, end)
  if (status === 'closed') into.closed++
  if (status === 'closed' || status === 'cancelled') return // FINISHED_STATUSES, spelt out: this runs once per task and month
  const overdue = (deadlineAt(task, end) ?? task.planEnd) < date
  if (overdue) into.overdue++
  if (overdue || missedTarget(task, date, end)) into.red++
}

function missedTarget(task: TaskHistory, date: string, end: string): boolean {
  for (const t of task.targets) if (t.dueOn < date && actualAt(t.actuals, end) < t.value) return true
  return false
}

function actualAt(actuals: { at: string; actual: number }[], end: string): number {
  let latest = 0
  for (const a of actuals) if (a.at < end) latest = a.actual
  return latest
}
