import assert from 'node:assert/strict'
import fc from 'fast-check'
import t from 'tap'
import { addDays } from '../src/domain/dates.js'
import type { TaskStatus } from '../src/domain/task-status.js'
import { as, createTestApp } from './fixtures/harness.js'
import { LEGAL, OPEN, refusal, requestFor, withWorkflowActors, WORKFLOW_ACTORS, WORKFLOW_REQUESTS, type WorkflowActor, type WorkflowContext, type WorkflowRequest } from './fixtures/workflow.js'

// Model-based test: random sequences of actions from random actors against one task. The model below is
// written from the issue (LEGAL in the fixture), not from src/domain/lifecycle.ts.

interface Model {
  status: TaskStatus
  suspendedFrom: TaskStatus | null
  deadline: string
  /** An extension request is waiting for the office. */
  pending: boolean
  /** Some extension request exists (so a decision can be attempted). */
  requested: boolean
  accepted: number
}

interface Real {
  ctx: WorkflowContext
  taskId: number
  auditBefore: number
  lastExtensionId: number | null
}

type Decision = 'approve' | 'reject'
const NEXT: Partial<Record<WorkflowRequest, TaskStatus>> = {
  dispatch: 'dispatched', acknowledge: 'acknowledged', 'request-completion': 'completion_requested', accept: 'closed', return: 'in_progress',
  suspend: 'suspended', cancel: 'cancelled',
}

/** What the service must answer, and the model after it. */
function expect(m: Model, actor: WorkflowActor, action: WorkflowRequest): { code: number; next?: Partial<Model> } {
  if (!(LEGAL[m.status][actor] ?? []).includes(action)) return { code: refusal(actor, action) }
  switch (action) {
    case 'report':
      return { code: 201, next: actor === 'lead' && m.status === 'acknowledged' ? { status: 'in_progress' } : {} }
    case 'request-extension':
      return m.pending ? { code: 409 } : { code: 201, next: { pending: true, requested: true } }
    case 'suspend':
      return { code: 200, next: { status: 'suspended', suspendedFrom: m.status } }
    case 'resume':
      return { code: 200, next: { status: m.suspendedFrom!, suspendedFrom: null } }
    default:
      return { code: 200, next: { status: NEXT[action]! } }
  }
}

function expectDecision(m: Model, actor: WorkflowActor, decision: Decision): { code: number; next?: Partial<Model> } {
  if (actor !== 'office' && actor !== 'admin') return { code: 403 }
  if (!OPEN.includes(m.status) || !m.pending) return { code: 409 }
  return { code: 200, next: { pending: false, ...(decision === 'approve' ? { deadline: addDays(m.deadline, 30) } : {}) } }
}

function checkTask(m: Model, r: Real) {
  const row = r.ctx.db.$client.prepare('SELECT status, deadline FROM tasks WHERE id = ?').get(r.taskId) as { status: TaskStatus; deadline: string }
  assert.equal(row.status, m.status, 'the task is in the status the model says')
  assert.equal(row.deadline, m.deadline)
  const audit = (r.ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM audit_entries').get() as { n: number }).n
  assert.equal(audit - r.auditBefore, m.accepted, 'one audit entry per accepted action')
}

class Act implements fc.AsyncCommand<Model, Real> {
  constructor(readonly actor: WorkflowActor, readonly action: WorkflowRequest, readonly period: string) {}
  check = () => true
  async run(m: Model, r: Real) {
    const { path, body } = requestFor(this.action, { period: this.period, newDeadline: addDays(m.deadline, 30) })
    const res = await as(r.ctx.app, r.ctx.workflowActors[this.actor]).post(`/api/tasks/${r.taskId}/${path}`, body)
    const want = expect(m, this.actor, this.action)
    assert.equal(res.status, want.code, `${this.actor} ${this.action} in ${m.status}: ${JSON.stringify(res.body)}`)
    if (want.next) {
      Object.assign(m, want.next)
      m.accepted++
      if (this.action === 'request-extension') r.lastExtensionId = res.body.id
    } else if (res.status === 409) {
      assert.equal(res.body.currentState, m.status)
    }
    checkTask(m, r)
  }
  toString = () => `${this.actor} ${this.action}${this.action === 'report' ? ` ${this.period}` : ''}`
}

class Decide implements fc.AsyncCommand<Model, Real> {
  constructor(readonly actor: WorkflowActor, readonly decision: Decision) {}
  check = (m: Readonly<Model>) => m.requested
  async run(m: Model, r: Real) {
    const res = await as(r.ctx.app, r.ctx.workflowActors[this.actor]).post(`/api/extension-requests/${r.lastExtensionId}/decision`, { decision: this.decision, comment: '审定' })
    const want = expectDecision(m, this.actor, this.decision)
    assert.equal(res.status, want.code, `${this.actor} ${this.decision}s in ${m.status}: ${JSON.stringify(res.body)}`)
    if (want.next) {
      Object.assign(m, want.next)
      m.accepted++
    }
    checkTask(m, r)
  }
  toString = () => `${this.actor} ${this.decision}s the extension`
}

/** The next step along the main path from each status, by the actor who takes it. */
const FORWARD: Record<TaskStatus, [WorkflowActor, WorkflowRequest]> = {
  draft: ['office', 'dispatch'],
  dispatched: ['lead', 'acknowledge'],
  acknowledged: ['lead', 'report'],
  in_progress: ['lead', 'request-completion'],
  completion_requested: ['office', 'accept'],
  suspended: ['office', 'resume'],
  closed: ['lead', 'report'],
  cancelled: ['office', 'resume'],
}

/** Moves the task along the main path (or returns it, when `back`): keeps runs going deep into the lifecycle. */
class Forward implements fc.AsyncCommand<Model, Real> {
  constructor(readonly back: boolean, readonly period: string) {}
  check = () => true
  run(m: Model, r: Real) {
    const [actor, action] = FORWARD[m.status]
    return new Act(actor, this.back && action === 'accept' ? 'return' : action, this.period).run(m, r)
  }
  toString = () => `forward${this.back ? ' (return)' : ''}`
}

const period = fc.integer({ min: 1, max: 11 }).map((m) => `2026-${String(m).padStart(2, '0')}`)
const act = (actors: fc.Arbitrary<WorkflowActor>, actions: fc.Arbitrary<WorkflowRequest>) =>
  fc.tuple(actors, actions, period).map(([a, action, p]): fc.AsyncCommand<Model, Real> => new Act(a, action, p))
const staff = fc.constantFrom<WorkflowActor>('office', 'admin')
// Mostly each role doing its own work, so runs get deep into the lifecycle; and anyone trying anything.
const commands = [fc.oneof(
  { weight: 30, arbitrary: fc.tuple(fc.boolean(), period).map(([back, p]): fc.AsyncCommand<Model, Real> => new Forward(back, p)) },
  { weight: 20, arbitrary: act(staff, fc.constantFrom<WorkflowRequest>('dispatch', 'accept', 'return', 'suspend', 'resume')) },
  { weight: 1, arbitrary: act(staff, fc.constant<WorkflowRequest>('cancel')) }, // cancelling ends the run's interest
  { weight: 25, arbitrary: act(fc.constant('lead'), fc.constantFrom<WorkflowRequest>('acknowledge', 'report', 'request-completion', 'request-extension')) },
  { weight: 5, arbitrary: act(fc.constantFrom<WorkflowActor>('responsible', 'cooperating'), fc.constant<WorkflowRequest>('report')) },
  { weight: 12, arbitrary: act(fc.constantFrom(...WORKFLOW_ACTORS), fc.constantFrom(...WORKFLOW_REQUESTS)) },
  { weight: 8, arbitrary: fc.tuple(fc.oneof({ weight: 3, arbitrary: staff }, fc.constantFrom(...WORKFLOW_ACTORS)), fc.constantFrom<Decision>('approve', 'reject'))
    .map(([a, d]): fc.AsyncCommand<Model, Real> => new Decide(a, d)) },
)]

t.test('random action sequences from random roles never leave the model', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  let runs = 0
  await fc.assert(fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'medium' }), async (cmds) => {
    const { taskId } = await ctx.newTask({ deadline: '2026-12-31' })
    const auditBefore = (ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM audit_entries').get() as { n: number }).n
    const model: Model = { status: 'draft', suspendedFrom: null, deadline: '2026-12-31', pending: false, requested: false, accepted: 0 }
    await fc.asyncModelRun(() => ({ model, real: { ctx, taskId, auditBefore, lastExtensionId: null } }), cmds)
    runs++
  }), { numRuns: 80 })
  t.equal(runs, 80, 'every run kept to the model')
  const reached = ctx.db.$client.prepare('SELECT to_status AS s, COUNT(DISTINCT task_id) AS tasks FROM task_transitions GROUP BY to_status').all() as { s: TaskStatus; tasks: number }[]
  t.comment(`tasks reaching each status: ${reached.map((r) => `${r.s} ${r.tasks}`).join(', ')}`)
  t.same(new Set(reached.map((r) => r.s)), new Set(['dispatched', 'acknowledged', 'in_progress', 'completion_requested', 'closed', 'suspended', 'cancelled']),
    'the runs reached every status')
})
