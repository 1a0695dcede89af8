import t from 'tap'
import { createCalendar } from '../../src/domain/calendar.js'
import { assessLight, effectiveDeadline, lightClock, type LightFacts, type LightPlan, type LightTarget } from '../../src/domain/lights.js'

const cal = createCalendar()
const plan: LightPlan = { endYear: 2027, reportingDay: 25, yellowDays: 5, behindTolerance: 10 }
const facts = (f: Partial<LightFacts> = {}): LightFacts => ({ status: 'in_progress', deadline: null, targets: [], dispatchedOn: '2026-01-05', lastReportedPeriod: '2099-12', ...f })
const at = (asOf: string, f: Partial<LightFacts>, p: Partial<LightPlan> = {}) => assessLight(facts(f), { ...plan, ...p }, lightClock(asOf, cal))
const target = (t: Partial<LightTarget> & { id: number }): LightTarget => ({ year: 2026, value: 100, dueOn: '2026-12-31', actual: null, ...t })

t.test('overdue counts working days past the deadline across National Day and its make-up Saturday', async (t) => {
  const d = { deadline: '2026-09-30' }
  t.same(at('2026-09-30', d).reasons, [{ kind: 'due_soon', deadline: '2026-09-30', days: 0 }], 'on the deadline: yellow, no working day left after today')
  const holiday = at('2026-10-03', d)
  t.equal(holiday.light, 'red', 'red on the first day past it, a holiday')
  t.same(holiday.reasons, [{ kind: 'overdue', deadline: '2026-09-30', days: 0 }], 'no working day overdue yet in the holiday')
  t.equal(holiday.changesOn, '2026-10-08', 'the count next changes on the first working day after the holiday')
  t.same(at('2026-10-08', d).reasons, [{ kind: 'overdue', deadline: '2026-09-30', days: 1 }])
  t.same(at('2026-10-10', d).reasons, [{ kind: 'overdue', deadline: '2026-09-30', days: 3 }], '8, 9 and the make-up Saturday 10 October')
  t.equal(at('2026-10-10', d).changesOn, '2026-10-12', 'Sunday 11 October is off')
})

t.test('due soon: the yellow window counts make-up days (Sunday 2026-09-20, Saturday 2026-10-10)', async (t) => {
  // Monday 28 September, after the Mid-Autumn days off (25–27 September).
  const sept = { deadline: '2026-09-28' }
  const sat = at('2026-09-19', sept)
  t.equal(sat.light, 'green')
  t.equal(sat.changesOn, '2026-09-20', 'turns yellow on the make-up Sunday, the fifth working day before')
  t.same(at('2026-09-20', sept).reasons, [{ kind: 'due_soon', deadline: '2026-09-28', days: 5 }], '21–24 and 28 September')
  const oct = { deadline: '2026-10-12' }
  t.equal(at('2026-09-28', oct).light, 'green')
  t.equal(at('2026-09-28', oct).changesOn, '2026-09-29')
  t.same(at('2026-09-29', oct).reasons, [{ kind: 'due_soon', deadline: '2026-10-12', days: 5 }], '30 Sep, 8, 9, 10 (make-up) and 12 Oct remain')
  t.same(at('2026-10-04', oct).reasons, [{ kind: 'due_soon', deadline: '2026-10-12', days: 4 }], 'the holiday counts nothing')
  t.same(at('2026-10-10', oct).reasons, [{ kind: 'due_soon', deadline: '2026-10-12', days: 1 }])
  t.equal(at('2026-09-29', oct, { yellowDays: 3 }).light, 'green', 'a narrower window of the plan')
})

t.test('a task without a deadline of its own is held to its nearest open target, else to the plan’s end', async (t) => {
  const targets = [target({ id: 1, dueOn: '2026-06-30', value: 40 }), target({ id: 2, year: 2027, dueOn: '2027-12-31', value: 50 })]
  t.same(effectiveDeadline({ deadline: '2026-03-01', targets }, plan, '2026-01-10'), { deadline: '2026-03-01', source: 'task' })
  t.same(effectiveDeadline({ deadline: null, targets }, plan, '2026-01-10'), { deadline: '2026-06-30', source: 'target' })
  t.same(effectiveDeadline({ deadline: null, targets: [{ ...targets[0]!, actual: 40 }, targets[1]!] }, plan, '2026-01-10'), { deadline: '2027-12-31', source: 'target' }, 'a met target no longer holds it')
  t.same(effectiveDeadline({ deadline: null, targets }, plan, '2026-07-01'), { deadline: '2027-12-31', source: 'target' }, 'a passed target hands over to the next')
  t.same(effectiveDeadline({ deadline: null, targets: [] }, plan, '2026-07-01'), { deadline: '2027-12-31', source: 'plan' })
  const ended = at('2028-01-04', { targets: [] })
  t.equal(ended.deadlineSource, 'plan')
  t.same(ended.reasons, [{ kind: 'overdue', deadline: '2027-12-31', days: 2 }], 'red once the plan has ended (3 and 4 January): no longer green forever')
  const held = at('2026-06-24', { targets: [target({ id: 1, dueOn: '2026-06-30', value: 40, actual: 39 })] })
  t.same(held.reasons.map((r) => r.kind), ['due_soon'], 'the target’s due date opens the yellow window')
})

t.test('target_overdue: a yearly target’s due date passed unmet is red', async (t) => {
  const june = target({ id: 7, dueOn: '2026-06-30', value: 40, actual: 30 })
  const a = at('2026-07-01', { deadline: '2026-12-31', targets: [june] })
  t.equal(a.light, 'red')
  t.same(a.reasons, [{ kind: 'target_overdue', targetId: 7, dueOn: '2026-06-30', actual: 30, value: 40 }])
  t.equal(at('2026-06-30', { deadline: '2026-12-31', targets: [june] }).changesOn, '2026-07-01', 'changes the day after the due date')
  t.equal(at('2026-07-01', { deadline: '2026-12-31', targets: [{ ...june, actual: 40 }] }).light, 'green', 'met: nothing to say')
  t.equal(at('2026-07-01', { deadline: '2026-12-31', targets: [{ ...june, value: null }] }).light, 'green', 'a qualitative target is never unmet')
})

t.test('behind_schedule: actual behind 序时进度 by more than the plan’s tolerance', async (t) => {
  // 1 July 2026 is day 182 of 365: expected 100 × 182/365 = 49.863.
  const behind = at('2026-07-01', { deadline: '2026-12-31', targets: [target({ id: 3, actual: 39 })] })
  t.equal(behind.light, 'yellow')
  t.same(behind.reasons, [{ kind: 'behind_schedule', targetId: 3, actual: 39, expected: 49.863 }])
  t.equal(behind.changesOn, '2026-07-02', 'the expected figure moves every day')
  const close = at('2026-07-01', { deadline: '2026-12-31', targets: [target({ id: 3, actual: 40 })] })
  t.equal(close.light, 'green', '9.86 points behind is within 10')
  t.equal(close.changesOn, '2026-07-02', 'the day it will be more than 10 points behind if nothing is reported')
  t.same(at('2026-07-02', { deadline: '2026-12-31', targets: [target({ id: 3, actual: 40 })] }).reasons.map((r) => r.kind), ['behind_schedule'])
  t.equal(at('2026-07-01', { deadline: '2026-12-31', targets: [target({ id: 3, actual: 30 })] }, { behindTolerance: 25 }).light, 'green', 'the plan’s own tolerance')
  t.same(at('2026-02-15', { deadline: '2026-12-31', targets: [target({ id: 3 })] }).reasons, [{ kind: 'behind_schedule', targetId: 3, actual: null, expected: 12.6027 }], 'nothing reported counts as zero (day 46 of 365)')
  t.equal(at('2025-12-20', { deadline: '2026-12-31', targets: [target({ id: 3 })] }).light, 'green', 'not behind before its year starts')
})

t.test('report_missing: the current period’s report after the reporting day', async (t) => {
  const owing = { deadline: '2026-12-31', dispatchedOn: '2026-10-15', lastReportedPeriod: '2026-10' }
  t.equal(at('2026-11-25', owing).light, 'green', 'on the reporting day it is not yet missing')
  t.equal(at('2026-11-25', owing).changesOn, '2026-11-26')
  t.same(at('2026-11-26', owing).reasons, [{ kind: 'report_missing', period: '2026-11' }])
  t.equal(at('2026-11-26', owing).changesOn, '2026-12-01', 'a new period starts the count again')
  t.equal(at('2026-11-26', { ...owing, lastReportedPeriod: '2026-11' }).light, 'green', 'reported')
  t.equal(at('2026-11-26', { ...owing, dispatchedOn: '2026-11-03' }).light, 'green', 'dispatched during the period: owes from the next one')
  t.equal(at('2026-11-26', { ...owing, dispatchedOn: null, status: 'draft' }).light, 'green', 'a draft owes no report')
  t.equal(at('2026-11-26', { ...owing, status: 'completion_requested' }).light, 'green', 'awaiting acceptance owes no report')
  t.same(at('2026-02-28', { ...owing, lastReportedPeriod: '2026-01' }, { reportingDay: 30 }).reasons, [], 'a reporting day past the month’s end falls on its last day')
  t.same(at('2026-03-01', { ...owing, lastReportedPeriod: '2026-01' }, { reportingDay: 30 }).reasons, [], 'and the next period begins')
})

t.test('reasons together: red ones first; finished tasks are green and never change', async (t) => {
  const a = at('2026-11-26', {
    deadline: '2026-11-20', dispatchedOn: '2026-01-05', lastReportedPeriod: '2026-10',
    targets: [target({ id: 1, dueOn: '2026-06-30', value: 10, actual: 0 }), target({ id: 2, actual: 10 })],
  })
  t.equal(a.light, 'red')
  t.same(a.reasons.map((r) => r.kind), ['overdue', 'target_overdue', 'behind_schedule', 'report_missing'])
  for (const status of ['closed', 'cancelled'] as const) {
    const f = at('2026-11-26', { status, deadline: '2026-01-01' })
    t.same([f.light, f.reasons, f.changesOn], ['green', [], null], status)
  }
})

t.test('reasons read in Chinese for mail and the console', async (t) => {
  const { lightText, lightReasonText } = await import('../../src/domain/lights-text.js')
  t.equal(lightText('green', []), null)
  t.equal(lightText('red', [{ kind: 'overdue', deadline: '2026-06-18', days: 1 }, { kind: 'report_missing', period: '2026-06' }]), '红灯:逾期 1 个工作日(完成时限6月18日);2026年6月进展未报送')
  t.equal(lightReasonText({ kind: 'due_soon', deadline: '2026-10-12', days: 5 }), '距完成时限(10月12日)还有 5 个工作日')
  t.equal(lightReasonText({ kind: 'behind_schedule', targetId: 1, actual: null, expected: 12.6 }), '年度目标落后序时进度(完成0,序时应完成12.6)')
  t.equal(lightReasonText({ kind: 'target_overdue', targetId: 1, dueOn: '2026-06-30', actual: 30, value: 40 }), '年度目标6月30日到期未完成(完成30/40)')
})
