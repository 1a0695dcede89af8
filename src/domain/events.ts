import type { TaskStatus } from './task-status.js'

/**
 * Domain events the workflow writes to `outbox_events` in the transaction that makes the change;
 * the workers deliver them (notifications, reminders) after commit.
 */
export const EVENT_TYPES = [
  'task.dispatched', 'task.acknowledged', 'report.submitted', 'task.completion_requested', 'task.returned',
  'task.closed', 'task.suspended', 'task.resumed', 'task.cancelled', 'extension.requested', 'extension.decided',
  'report.reviewed',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** Common to every event: who did it. `actorId` is null for the system. */
interface Base { actorId: number | null }

/** A status change of a task (dispatch, acknowledge, completion request, return, close, suspend, resume, cancel). */
export interface TransitionPayload extends Base { from: TaskStatus; to: TaskStatus; comment: string | null }

export interface EventPayloads {
  'task.dispatched': TransitionPayload
  'task.acknowledged': TransitionPayload
  'task.completion_requested': TransitionPayload
  'task.returned': TransitionPayload
  'task.closed': TransitionPayload
  'task.suspended': TransitionPayload
  'task.resumed': TransitionPayload
  'task.cancelled': TransitionPayload
  /** `statusChanged` is set when this was the lead's first report (acknowledged → in_progress). */
  'report.submitted': Base & { reportId: number; unitId: number; period: string; revision: number; percent: number; statusChanged: { from: TaskStatus; to: TaskStatus } | null }
  'report.reviewed': Base & { reportId: number; unitId: number; period: string; revision: number; decision: 'accept' | 'return'; comment: string | null }
  'extension.requested': Base & { extensionRequestId: number; unitId: number; oldDeadline: string | null; newDeadline: string; reason: string }
  'extension.decided': Base & { extensionRequestId: number; unitId: number; decision: 'approve' | 'reject'; oldDeadline: string | null; newDeadline: string; comment: string | null }
}
