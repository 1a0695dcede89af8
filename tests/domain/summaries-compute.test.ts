import t from 'tap'
import { createCalendar } from '../../src/domain/calendar.js'
import { annualAssessment } from '../../src/domain/summaries/annual.js'
import { computeSummary } from '../../src/domain/summaries/compute.js'
import type { SummaryFacts, TaskFacts } from '../../src/domain/summaries/facts.js'
import { monthlySummary } from '../../src/domain/summaries/monthly.js'
import { parsePeriod } from '../../src/domain/summaries/period.js'
import { quarterlyNotice } from '../../src/domain/summaries/quarterly.js'

// September 2026: Sunday 09-20 is a make-up working day (调休), Friday 09-25 is Mid-Autumn (中秋) and
// 10-01..07 the National Day holiday.
const calendar = createCalendar()
const plan = { id: 7, title: '安福县城市更新行动方案', docNumber: '安府办字〔2021〕12号', issuer: '安福县人民政府办公室', endYear: 2027, reportingDay: 25, yellowDays: 5, behindTolerance: 10 }
const units = [{ id: 1, name: '县住建局' }, { id: 2, name: '县城管局' }]
const task = (id: number, number: string, f: Partial<TaskFacts>): TaskFacts =>
  ({ id, number, title: `任务${number}`, status: 'in_progress', deadline: null, closedOn: null, leadUnitIds: [1], dispatchedOn: null, lastReportedPeriod: null, ...f })
const tasks: TaskFacts[] = [
  task(1, '2', { deadline: '2026-09-18' }),
  task(2, '10', { deadline: '2026-09-29', status: 'closed', closedOn: '2026-09-30' }),
  task(3, '3.2', { deadline: '2026-10-09', leadUnitIds: [2] }),
  task(4, '3.10', { status: 'dispatched', leadUnitIds: [2] }),
  task(5, '1', { status: 'draft', deadline: '2026-08-01' }),
  task(6, '4', { status: 'cancelled', deadline: '2026-09-01', leadUnitIds: [2] }),
  task(7, '5', { status: 'closed', deadline: '2026-08-20', closedOn: '2026-08-15', leadUnitIds: [1, 2] }),
]
const escalations = [
  { taskId: 1, level: 1, deadline: '2026-09-18', openedOn: '2026-09-21', status: 'open' },
  { taskId: 1, level: 2, deadline: '2026-06-30', openedOn: '2026-06-29', status: 'resolved' },
  { taskId: 1, level: 3, deadline: '2026-06-30', openedOn: '2026-07-20', status: 'open' },
  { taskId: 3, level: 2, deadline: '2026-10-09', openedOn: '2026-09-25', status: 'acknowledged' },
]
const targets = [
  { id: 9, taskId: 3, year: 2026, description: '改造棚户区12万平方米', value: 12, measure: '万平方米', dueOn: '2026-12-31', actual: 10 },
  { id: 8, taskId: 1, year: 2026, description: '完善长效管理机制', value: null, measure: null, dueOn: '2026-12-31', actual: null },
  { id: 10, taskId: 6, year: 2026, description: '已撤销任务的目标', value: 5, measure: '个', dueOn: '2026-12-31', actual: null },
]

function facts(kind: 'monthly' | 'quarterly' | 'annual', label: string, f: Partial<SummaryFacts> = {}): SummaryFacts {
  return { plan, period: parsePeriod(kind, label)!, asOf: '2026-09-30', calendar, units, tasks, targets, problems: [], reportStats: [], escalations, ...f }
}

const monthlyFacts = facts('monthly', '2026-09', {
  reportStats: [
    { unitId: 1, month: '2026-09', due: 1, onTime: 1, late: 0, missingTaskIds: [] },
    { unitId: 2, month: '2026-09', due: 3, onTime: 1, late: 0, missingTaskIds: [4, 3] },
  ],
  problems: [
    { taskId: 3, unitId: 2, month: '2026-09', problems: '拆迁进度滞后' },
    { taskId: 1, unitId: 1, month: '2026-09', problems: '资金未到位' },
  ],
})

const header = {
  planId: 7, planTitle: '安福县城市更新行动方案', docNumber: '安府办字〔2021〕12号', asOf: '2026-09-30', issuedBy: '安福县城市更新工作领导小组办公室',
}
const overview = {
  total: 7,
  byStatus: { draft: 1, dispatched: 1, acknowledged: 0, in_progress: 2, completion_requested: 0, closed: 2, suspended: 0, cancelled: 1 },
  byLight: { green: 4, yellow: 1, red: 2 },
}

t.test('monthly dispatch: counts, closes, overdue in working days across a make-up day, missed reports, targets, problems', async (t) => {
  t.same(monthlySummary(monthlyFacts), {
    kind: 'monthly', ...header, period: '2026-09', periodName: '2026年9月', from: '2026-09-01', to: '2026-09-30',
    title: '《安福县城市更新行动方案》2026年9月调度情况',
    overview,
    closed: [{ taskId: 2, number: '10', title: '任务10', leadUnits: ['县住建局'], deadline: '2026-09-29', closedOn: '2026-09-30', onTime: false }],
    // 09-19 … 09-30 holds 8 working days: the make-up Sunday 09-20 counts, Mid-Autumn 09-25 does not.
    // The draft task 1 lights red but is not listed; task 1's L3 escalated an earlier deadline.
    overdue: [{
      taskId: 1, number: '2', title: '任务2', leadUnits: ['县住建局'], deadline: '2026-09-18', deadlineSource: 'task', status: 'in_progress',
      reasons: [{ kind: 'overdue', deadline: '2026-09-18', days: 8 }], workingDaysOverdue: 8, escalationLevel: 1,
    }],
    // 10-01 … 10-07 is the National Day holiday: 10-08 and 10-09 remain.
    warnings: [{
      taskId: 3, number: '3.2', title: '任务3.2', leadUnits: ['县城管局'], deadline: '2026-10-09', deadlineSource: 'task', status: 'in_progress',
      reasons: [{ kind: 'due_soon', deadline: '2026-10-09', days: 2 }],
    }],
    missedReports: [{ unitId: 2, unit: '县城管局', due: 3, missing: 2, taskNumbers: ['3.2', '3.10'] }],
    targets: [
      { targetId: 8, taskId: 1, taskNumber: '2', description: '完善长效管理机制', measure: null, value: null, actual: null, expectedToDate: null, completionPercent: null, expectedPercent: 74.8, behind: null },
      { targetId: 9, taskId: 3, taskNumber: '3.2', description: '改造棚户区12万平方米', measure: '万平方米', value: 12, actual: 10, expectedToDate: 8.9753, completionPercent: 83.3, expectedPercent: 74.8, behind: false },
    ],
    problems: [
      { taskId: 1, taskNumber: '2', unitId: 1, unit: '县住建局', month: '2026-09', problems: '资金未到位' },
      { taskId: 3, taskNumber: '3.2', unitId: 2, unit: '县城管局', month: '2026-09', problems: '拆迁进度滞后' },
    ],
    instructions: [],
  })
})

t.test('the yellow window counts working days: 10-09 is within 5 of 09-30 across the National Day holiday', async (t) => {
  const only = monthlySummary({ ...monthlyFacts, tasks: [tasks[2]!] })
  t.same(only.overview.byLight, { green: 0, yellow: 1, red: 0 })
})

t.test('quarterly notice: scores, ranking, criticism and the task escalated to the leaders', async (t) => {
  const content = quarterlyNotice(facts('quarterly', '2026-Q3', {
    reportStats: [
      { unitId: 1, month: '2026-07', due: 2, onTime: 2, late: 0, missingTaskIds: [] },
      { unitId: 1, month: '2026-08', due: 2, onTime: 1, late: 1, missingTaskIds: [] },
      { unitId: 1, month: '2026-09', due: 1, onTime: 1, late: 0, missingTaskIds: [] },
      { unitId: 2, month: '2026-07', due: 2, onTime: 0, late: 0, missingTaskIds: [3, 4] },
      { unitId: 2, month: '2026-08', due: 2, onTime: 2, late: 0, missingTaskIds: [] },
      { unitId: 2, month: '2026-09', due: 3, onTime: 1, late: 0, missingTaskIds: [4, 3] },
    ],
  }))
  t.same(content, {
    kind: 'quarterly', ...header, period: '2026-Q3', periodName: '2026年第三季度', from: '2026-07-01', to: '2026-09-30',
    title: '《安福县城市更新行动方案》2026年第三季度推进情况通报',
    overview,
    units: [
      // 40 + 40 × 3/7 + 20 − 2 = 75.1
      { rank: 1, unitId: 2, unit: '县城管局', tasksLed: 3, closedOnTime: 1, closedLate: 0, overdue: 0, reportsDue: 7, reportsOnTime: 3, reportsLate: 0, reportsMissing: 4, escalationsL2: 1, escalationsL3: 0, score: 75.1 },
      // 40 × 2/3 + 40 × 4.5/5 + 20 × 1/2 − 5 = 67.7 (the L2 of 06-29 fell in the previous quarter)
      { rank: 2, unitId: 1, unit: '县住建局', tasksLed: 3, closedOnTime: 1, closedLate: 1, overdue: 1, reportsDue: 5, reportsOnTime: 4, reportsLate: 1, reportsMissing: 0, escalationsL2: 0, escalationsL3: 1, score: 67.7 },
    ],
    praised: [],
    criticised: [
      { unitId: 1, unit: '县住建局', reasons: ['1项任务逾期被提级至领导督办', '1项任务逾期未办结'] },
      { unitId: 2, unit: '县城管局', reasons: ['1项任务被督查室督办', '未报送月度进展4次'] },
    ],
    escalatedTasks: [{ taskId: 1, number: '2', title: '任务2', leadUnits: ['县住建局'], deadline: '2026-06-30', openedOn: '2026-07-20', escalationStatus: 'open', status: 'in_progress' }],
    instructions: [],
  })
})

t.test('annual assessment: each target met or not', async (t) => {
  const content = annualAssessment(facts('annual', '2026', { asOf: '2026-12-31', targets: [{ ...targets[0]!, actual: 12.5 }, targets[1]!, { ...targets[0]!, id: 11, actual: 3 }] }))
  t.same(content.targets, [
    { targetId: 8, taskId: 1, taskNumber: '2', description: '完善长效管理机制', measure: null, value: null, actual: null, completionPercent: null, met: null },
    { targetId: 9, taskId: 3, taskNumber: '3.2', description: '改造棚户区12万平方米', measure: '万平方米', value: 12, actual: 12.5, completionPercent: 104.2, met: true },
    { targetId: 11, taskId: 3, taskNumber: '3.2', description: '改造棚户区12万平方米', measure: '万平方米', value: 12, actual: 3, completionPercent: 25, met: false },
  ])
  t.equal(content.title, '《安福县城市更新行动方案》2026年度考核结果')
  t.same(content.escalatedTasks.map((e) => e.taskId), [1])
})

t.test('the content does not depend on the order the facts arrive in', async (t) => {
  const reversed = (f: SummaryFacts): SummaryFacts => ({
    ...f, units: [...f.units].reverse(), tasks: [...f.tasks].reverse(), targets: [...f.targets].reverse(), problems: [...f.problems].reverse(),
    reportStats: [...f.reportStats].reverse(), escalations: [...f.escalations].reverse(),
  })
  for (const f of [monthlyFacts, facts('quarterly', '2026-Q3', { reportStats: monthlyFacts.reportStats }), facts('annual', '2026')]) {
    t.equal(JSON.stringify(computeSummary(reversed(f))), JSON.stringify(computeSummary(f)), f.period.label)
  }
})

t.test('each computation refuses a period of another kind', async (t) => {
  t.throws(() => monthlySummary(facts('quarterly', '2026-Q3')))
  t.throws(() => quarterlyNotice(monthlyFacts))
  t.throws(() => annualAssessment(monthlyFacts))
})

t.test('open and overdue leaders\' instructions, oldest first; overdue once past the reply-by date', async (t) => {
  const instruction = (id: number, replyBy: string) => ({ id, issuedOn: '2026-09-01', replyBy, leader: '王市长', target: '1. 任务1', text: '请加快推进', units: ['县住建局'], unitsPending: ['县住建局'] })
  const content = monthlySummary(facts('monthly', '2026-09', { instructions: [instruction(7, '2026-09-30'), instruction(3, '2026-09-29')] }))
  t.same(content.instructions.map((i) => [i.instructionId, i.overdue]), [[3, true], [7, false]])
  t.same(monthlySummary(facts('monthly', '2026-09')).instructions, [], 'none without any')
})

// The whole light, as the console shows it, on the summary's day: lights.ts's rules over the facts as they stood.
t.test('lights with reasons: a target red without a deadline of its own, a missing report, a target behind 序时进度', async (t) => {
  const lit: TaskFacts[] = [
    // No deadline of its own: its 2026 target fell due on 06-30 unmet; it is held to its 2027 target's due date.
    task(11, '6', { dispatchedOn: '2026-03-01', lastReportedPeriod: '2026-09' }),
    // Only a past target: held to the plan's end.
    task(12, '7', { dispatchedOn: '2026-03-01', lastReportedPeriod: '2026-09', leadUnitIds: [2] }),
    // Dispatched before September, reported for August only: September's report is missing after the 25th.
    task(13, '8', { deadline: '2026-12-31', dispatchedOn: '2026-08-03', lastReportedPeriod: '2026-08' }),
    // 20 of 100 by 09-30, when 序时进度 is 74.8: behind by more than the plan's 10 points.
    task(14, '9', { deadline: '2026-12-31', dispatchedOn: '2026-03-01', lastReportedPeriod: '2026-09', leadUnitIds: [2] }),
    // Dispatched in September: owes its first report in October.
    task(15, '10', { deadline: '2026-12-31', dispatchedOn: '2026-09-02' }),
  ]
  const litTargets = [
    { id: 21, taskId: 11, year: 2026, description: '完成10个', value: 10, measure: '个', dueOn: '2026-06-30', actual: 4 },
    { id: 22, taskId: 11, year: 2027, description: '完成5个', value: 5, measure: '个', dueOn: '2027-06-30', actual: null },
    { id: 23, taskId: 12, year: 2026, description: '完成3个', value: 3, measure: '个', dueOn: '2026-09-15', actual: null },
    { id: 24, taskId: 14, year: 2026, description: '改造100户', value: 100, measure: '户', dueOn: '2026-12-31', actual: 20 },
  ]
  const content = monthlySummary(facts('monthly', '2026-09', { tasks: lit, targets: litTargets, escalations: [] }))
  t.same(content.overview.byLight, { green: 1, yellow: 2, red: 2 })
  t.same(content.overdue.map((l) => [l.number, l.deadline, l.deadlineSource, l.workingDaysOverdue, l.reasons]), [
    ['6', '2027-06-30', 'target', 0, [{ kind: 'target_overdue', targetId: 21, dueOn: '2026-06-30', actual: 4, value: 10 }]],
    ['7', '2027-12-31', 'plan', 0, [{ kind: 'target_overdue', targetId: 23, dueOn: '2026-09-15', actual: null, value: 3 }]],
  ])
  t.same(content.warnings.map((l) => [l.number, l.deadline, l.deadlineSource, l.reasons]), [
    ['8', '2026-12-31', 'task', [{ kind: 'report_missing', period: '2026-09' }]],
    ['9', '2026-12-31', 'task', [{ kind: 'behind_schedule', targetId: 24, actual: 20, expected: 74.7945 }]],
  ])
  // The target lines list the period's year only; the lights weighed 2027's too.
  t.same(content.targets.map((g) => g.targetId), [21, 23, 24])
  t.same(quarterlyNotice(facts('quarterly', '2026-Q3', { tasks: lit, targets: litTargets, escalations: [] })).overview.byLight, { green: 1, yellow: 2, red: 2 }, 'the notice counts the same lights')
})

t.test('lights speak for the as-of day: earlier in the month the same facts read otherwise', async (t) => {
  const one = (f: Partial<TaskFacts>) => [task(11, '6', { deadline: '2026-12-31', dispatchedOn: '2026-03-01', ...f })]
  const target = [{ id: 21, taskId: 11, year: 2026, description: '完成10个', value: 10, measure: '个', dueOn: '2026-09-28', actual: 9 }]
  const at = (asOf: string, tasks: TaskFacts[]) => {
    const c = monthlySummary(facts('monthly', '2026-09', { asOf, tasks, targets: target, escalations: [] }))
    return [...c.overdue, ...c.warnings].map((l) => l.reasons.map((r) => r.kind))
  }
  const reported = one({ lastReportedPeriod: '2026-08' })
  t.same(at('2026-09-24', reported), [], 'before the reporting day and the due date: green')
  t.same(at('2026-09-28', reported), [['report_missing']], 'after the reporting day: September\'s report missing')
  t.same(at('2026-09-30', reported), [['target_overdue', 'report_missing']], 'after the due date: the unmet target turns it red')
  t.same(at('2026-09-30', one({ lastReportedPeriod: '2026-09' })), [['target_overdue']])
})

t.test('a red line shows the escalation level reached on the deadline it is held to, the plan\'s end too', async (t) => {
  const ended = { ...plan, endYear: 2025 }
  const content = monthlySummary(facts('monthly', '2026-09', {
    plan: ended, tasks: [task(31, '11', { dispatchedOn: '2025-03-03', lastReportedPeriod: '2026-09' })], targets: [],
    escalations: [{ taskId: 31, level: 3, deadline: '2025-12-31', openedOn: '2026-01-26', status: 'open' }],
  }))
  t.same(content.overdue.map((l) => [l.number, l.deadline, l.deadlineSource, l.escalationLevel]), [['11', '2025-12-31', 'plan', 3]])
})
