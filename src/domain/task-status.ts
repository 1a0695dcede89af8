export const TASK_STATUSES = [
  'draft', 'dispatched', 'acknowledged', 'in_progress', 'completion_requested', 'closed', 'suspended', 'cancelled',
] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** Statuses in which a task no longer counts against its deadline. */
export const FINISHED_STATUSES: readonly TaskStatus[] = ['closed', 'cancelled']
