import type { TaskStatus } from './task-status.js'

/** What can be done to a task; the API names them so in 409 answers (`allowedActions`). */
export const TASK_ACTIONS = [
  'dispatch', 'acknowledge', 'report', 'request-completion', 'accept', 'return',
  'suspend', 'resume', 'cancel', 'request-extension', 'decide-extension',
] as const
export type TaskAction = (typeof TASK_ACTIONS)[number]

/**
 * Who acts, relative to the task: the office (office and admin users), a unit by its role on the task,
 * or an observer (supervision office, leaders), who may read but never act.
 */
export const ACTOR_KINDS = ['office', 'lead', 'responsible', 'cooperating', 'observer'] as const
export type ActorKind = (typeof ACTOR_KINDS)[number]

/** The task keeps its status (reports and extensions happen alongside the lifecycle). */
export const UNCHANGED = 'unchanged'
/** Back to the status the task had when it was suspended. */
export const PREVIOUS = 'previous'

export interface Transition {
  action: TaskAction
  from: readonly TaskStatus[]
  to: TaskStatus | typeof UNCHANGED | typeof PREVIOUS
  by: readonly ActorKind[]
}

const OPEN: readonly TaskStatus[] = ['dispatched', 'acknowledged', 'in_progress', 'completion_requested', 'suspended']
const UNDER_WAY: readonly TaskStatus[] = ['dispatched', 'acknowledged', 'in_progress', 'completion_requested']
const REPORTABLE: readonly TaskStatus[] = ['acknowledged', 'in_progress', 'completion_requested']
const UNITS: readonly ActorKind[] = ['lead', 'responsible', 'cooperating']

/**
 * The lifecycle, one row per transition; the first row matching (action, status, actor) applies.
 * draft → dispatched → acknowledged → in_progress → completion_requested → closed, with returns,
 * suspension and cancellation by the office.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'dispatch', from: ['draft'], to: 'dispatched', by: ['office'] },
  { action: 'acknowledge', from: ['dispatched'], to: 'acknowledged', by: ['lead'] },
  // The lead's first report starts the work; later reports, and every other unit's, leave the status alone.
  { action: 'report', from: ['acknowledged'], to: 'in_progress', by: ['lead'] },
  { action: 'report', from: REPORTABLE, to: UNCHANGED, by: UNITS },
  { action: 'request-completion', from: ['in_progress'], to: 'completion_requested', by: ['lead'] },
  { action: 'accept', from: ['completion_requested'], to: 'closed', by: ['office'] },
  { action: 'return', from: ['completion_requested'], to: 'in_progress', by: ['office'] },
  { action: 'suspend', from: UNDER_WAY, to: 'suspended', by: ['office'] },
  { action: 'resume', from: ['suspended'], to: PREVIOUS, by: ['office'] },
  { action: 'cancel', from: ['draft', ...OPEN], to: 'cancelled', by: ['office'] },
  { action: 'request-extension', from: OPEN, to: UNCHANGED, by: ['lead'] },
  { action: 'decide-extension', from: OPEN, to: UNCHANGED, by: ['office'] },
]

export interface LifecycleState {
  status: TaskStatus
  /** The status before the current suspension; needed to resume. */
  suspendedFrom?: TaskStatus | null
}

export type Outcome =
  | { ok: true; to: TaskStatus; changed: boolean }
  /** This kind of actor may never do this action: 403. */
  | { ok: false; reason: 'forbidden' }
  /** Allowed for this actor, but not in the current status: 409 naming `allowed`. */
  | { ok: false; reason: 'not-now'; status: TaskStatus; allowed: TaskAction[] }

/** The actions `actor` may take on a task in `status`, in table order. */
export function allowedActions(status: TaskStatus, actor: ActorKind): TaskAction[] {
  const out: TaskAction[] = []
  for (const t of TRANSITIONS) if (t.from.includes(status) && t.by.includes(actor) && !out.includes(t.action)) out.push(t.action)
  return out
}

/** Whether `actor` may ever take `action`, in some status. */
export function mayEver(action: TaskAction, actor: ActorKind): boolean {
  return TRANSITIONS.some((t) => t.action === action && t.by.includes(actor))
}

/** The status after `actor` takes `action`, or why it may not. */
export function apply(state: LifecycleState, action: TaskAction, actor: ActorKind): Outcome {
  if (!mayEver(action, actor)) return { ok: false, reason: 'forbidden' }
  const t = TRANSITIONS.find((r) => r.action === action && r.by.includes(actor) && r.from.includes(state.status))
  if (!t) return { ok: false, reason: 'not-now', status: state.status, allowed: allowedActions(state.status, actor) }
  if (t.to === UNCHANGED) return { ok: true, to: state.status, changed: false }
  if (t.to === PREVIOUS) {
    if (!state.suspendedFrom) throw new Error('resume needs the status the task was suspended from')
    return { ok: true, to: state.suspendedFrom, changed: true }
  }
  return { ok: true, to: t.to, changed: t.to !== state.status }
}
