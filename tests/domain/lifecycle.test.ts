import t from 'tap'
import { ACTOR_KINDS, allowedActions, apply, mayEver, TASK_ACTIONS, type ActorKind, type TaskAction } from '../../src/domain/lifecycle.js'
import { TASK_STATUSES, type TaskStatus } from '../../src/domain/task-status.js'

// Written out by hand from the issue, independently of the table in lifecycle.ts.
const LEGAL: Record<TaskStatus, Partial<Record<ActorKind, TaskAction[]>>> = {
  draft: { office: ['dispatch', 'cancel'] },
  dispatched: { office: ['suspend', 'cancel', 'decide-extension'], lead: ['acknowledge', 'request-extension'] },
  acknowledged: { office: ['suspend', 'cancel', 'decide-extension'], lead: ['report', 'request-extension'], responsible: ['report'], cooperating: ['report'] },
  in_progress: { office: ['suspend', 'cancel', 'decide-extension'], lead: ['report', 'request-completion', 'request-extension'], responsible: ['report'], cooperating: ['report'] },
  completion_requested: { office: ['accept', 'return', 'suspend', 'cancel', 'decide-extension'], lead: ['report', 'request-extension'], responsible: ['report'], cooperating: ['report'] },
  suspended: { office: ['resume', 'cancel', 'decide-extension'], lead: ['request-extension'] },
  closed: {},
  cancelled: {},
}

const NEXT: Partial<Record<TaskAction, TaskStatus>> = {
  dispatch: 'dispatched', acknowledge: 'acknowledged', 'request-completion': 'completion_requested', accept: 'closed',
  return: 'in_progress', suspend: 'suspended', cancel: 'cancelled',
}

t.test('every (status, action, actor) is allowed exactly when the issue says so', async (t) => {
  for (const status of TASK_STATUSES) {
    for (const actor of ACTOR_KINDS) {
      const legal = LEGAL[status][actor] ?? []
      t.same(new Set(allowedActions(status, actor)), new Set(legal), `${actor} in ${status}`)
      for (const action of TASK_ACTIONS) {
        const outcome = apply({ status, suspendedFrom: 'in_progress' }, action, actor)
        if (legal.includes(action)) {
          t.ok(outcome.ok, `${actor} may ${action} in ${status}`)
        } else if (!mayEver(action, actor)) {
          t.same(outcome, { ok: false, reason: 'forbidden' }, `${actor} may never ${action}`)
        } else {
          t.same(outcome, { ok: false, reason: 'not-now', status, allowed: allowedActions(status, actor) }, `${actor} may not ${action} in ${status}`)
        }
      }
    }
  }
})

t.test('each allowed action leads where the lifecycle says', async (t) => {
  for (const status of TASK_STATUSES) {
    for (const action of LEGAL[status].office ?? []) {
      const outcome = apply({ status, suspendedFrom: 'acknowledged' }, action, 'office')
      const expected = action === 'resume' ? 'acknowledged' : NEXT[action] ?? status
      t.same(outcome, { ok: true, to: expected, changed: expected !== status }, `office ${action} from ${status}`)
    }
  }
  t.same(apply({ status: 'dispatched' }, 'acknowledge', 'lead'), { ok: true, to: 'acknowledged', changed: true })
  t.same(apply({ status: 'acknowledged' }, 'report', 'lead'), { ok: true, to: 'in_progress', changed: true }, "the lead's first report starts the work")
  t.same(apply({ status: 'acknowledged' }, 'report', 'cooperating'), { ok: true, to: 'acknowledged', changed: false }, "another unit's report does not")
  t.same(apply({ status: 'in_progress' }, 'report', 'lead'), { ok: true, to: 'in_progress', changed: false })
  t.same(apply({ status: 'in_progress' }, 'request-completion', 'lead'), { ok: true, to: 'completion_requested', changed: true })
  t.same(apply({ status: 'in_progress' }, 'request-extension', 'lead'), { ok: true, to: 'in_progress', changed: false })
})

t.test('resume returns to the status the task was suspended from', async (t) => {
  for (const from of ['dispatched', 'acknowledged', 'in_progress', 'completion_requested'] as const) {
    t.same(apply({ status: 'suspended', suspendedFrom: from }, 'resume', 'office'), { ok: true, to: from, changed: true })
  }
  t.throws(() => apply({ status: 'suspended' }, 'resume', 'office'), /suspended from/)
})

t.test('observers may do nothing; units never do the office\'s work', async (t) => {
  for (const action of TASK_ACTIONS) t.notOk(mayEver(action, 'observer'), `observer ${action}`)
  for (const action of ['dispatch', 'accept', 'return', 'suspend', 'resume', 'cancel', 'decide-extension'] as const) {
    for (const unit of ['lead', 'responsible', 'cooperating'] as const) t.notOk(mayEver(action, unit), `${unit} ${action}`)
  }
  for (const action of ['acknowledge', 'request-completion', 'request-extension'] as const) {
    t.ok(mayEver(action, 'lead'))
    t.notOk(mayEver(action, 'responsible'))
    t.notOk(mayEver(action, 'cooperating'))
  }
})
