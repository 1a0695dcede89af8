import type { TaskStatus } from '../task-status.js'

/**
 * A lead unit owes a monthly report (调度) for each task it leads that is under way at the month's end:
 * dispatched (a task not yet signed for still owes its report), acknowledged, in progress or awaiting
 * completion review. Draft, suspended, closed and cancelled tasks owe none. The report is due on the
 * plan's reporting day of that month (`reportDueOn` in ../progress.ts); one submitted later is late.
 */
export const REPORT_OWING_STATUSES: readonly TaskStatus[] = ['dispatched', 'acknowledged', 'in_progress', 'completion_requested']
