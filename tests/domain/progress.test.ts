import t from 'tap'
import { countByStatusAndLight, elapsedShare, expectedToDate, isReportOnTime, reportDueOn, targetProgress, unitScorecard } from '../../src/domain/progress.js'

t.test('elapsed share of a target year counts calendar days, both ends included', async (t) => {
  t.equal(elapsedShare(2026, '2026-12-31', '2025-12-31'), 0, 'before the year')
  t.equal(elapsedShare(2026, '2026-12-31', '2026-01-01'), 1 / 365)
  t.equal(elapsedShare(2026, '2026-12-31', '2026-07-02'), 183 / 365, '2 July: 183 days of 365')
  t.equal(elapsedShare(2026, '2026-12-31', '2026-12-31'), 1)
  t.equal(elapsedShare(2026, '2026-12-31', '2027-03-01'), 1, 'after the year')
  t.equal(elapsedShare(2028, '2028-12-31', '2028-03-01'), 61 / 366, 'leap year')
  t.equal(elapsedShare(2026, '2026-06-30', '2026-06-30'), 1, 'a target due mid-year is fully expected by its due date')
  t.equal(elapsedShare(2026, '2026-01-31', '2026-01-16'), 16 / 31)
})

t.test('序时进度: value × elapsed share; null for qualitative targets', async (t) => {
  t.equal(expectedToDate({ year: 2026, value: 365, dueOn: '2026-12-31' }, '2026-02-01'), 32)
  t.equal(expectedToDate({ year: 2026, value: 40, dueOn: '2026-12-31' }, '2026-12-31'), 40)
  t.equal(expectedToDate({ year: 2026, value: null, dueOn: '2026-12-31' }, '2026-06-01'), null)
  t.equal(expectedToDate({ year: 2026, value: 10, dueOn: '2026-12-31' }, '2026-03-15'), 2.0274, 'rounded to 4 places')
})

t.test('target progress compares the cumulative actual with the expected-to-date figure', async (t) => {
  const target = { year: 2026, value: 365, dueOn: '2026-12-31' }
  t.same(targetProgress(target, 40, '2026-02-01'), { expectedToDate: 32, completion: 0.1096, onPace: true })
  t.same(targetProgress(target, 31, '2026-02-01'), { expectedToDate: 32, completion: 0.0849, onPace: false })
  t.same(targetProgress(target, null, '2026-02-01'), { expectedToDate: 32, completion: null, onPace: false }, 'nothing reported is behind')
  t.same(targetProgress(target, null, '2025-12-01'), { expectedToDate: 0, completion: null, onPace: true }, 'nothing expected yet')
  t.same(targetProgress({ ...target, value: null }, 3, '2026-02-01'), { expectedToDate: null, completion: null, onPace: null })
})

t.test('counts by status and light use the lights rule', async (t) => {
  const counts = countByStatusAndLight([
    { status: 'in_progress', deadline: '2026-06-30', yellowFrom: '2026-06-23', count: 3 }, // red on 2026-07-01
    { status: 'in_progress', deadline: '2026-07-03', yellowFrom: '2026-06-26', count: 2 }, // yellow
    { status: 'closed', deadline: '2026-06-01', yellowFrom: '2026-05-25', count: 4 }, // closed: green
    { status: 'dispatched', deadline: null, yellowFrom: null, count: 1 },
    { status: 'suspended', deadline: '2026-06-01', yellowFrom: '2026-05-25', count: 1 }, // suspended still counts against its deadline
  ], '2026-07-01')
  t.same(counts.byLight, { green: 5, yellow: 2, red: 4 })
  t.same(counts.byStatus, { draft: 0, dispatched: 1, acknowledged: 0, in_progress: 5, completion_requested: 0, closed: 4, suspended: 1, cancelled: 0 })
  t.equal(counts.total, 11)
})

t.test('a report is on time when first submitted by the reporting day of its own month', async (t) => {
  t.equal(reportDueOn('2026-05', 5), '2026-05-05')
  t.ok(isReportOnTime('2026-05', '2026-05-25', 25))
  t.ok(isReportOnTime('2026-05', '2026-04-30', 25), 'early')
  t.notOk(isReportOnTime('2026-05', '2026-05-26', 25))
  t.notOk(isReportOnTime('2026-05', '2026-06-01', 25))
})

t.test('a unit scorecard: led tasks, closed on time, overdue, reports on time', async (t) => {
  const card = unitScorecard([
    { status: 'draft', deadline: '2026-01-01', closedOn: null }, // not yet dispatched: not counted
    { status: 'cancelled', deadline: '2026-01-01', closedOn: null }, // not counted
    { status: 'closed', deadline: '2026-06-30', closedOn: '2026-06-30' }, // on time
    { status: 'closed', deadline: '2026-06-30', closedOn: '2026-07-01' }, // late
    { status: 'closed', deadline: null, closedOn: '2026-07-01' }, // no deadline: on time
    { status: 'in_progress', deadline: '2026-06-30', closedOn: null }, // overdue on 2026-07-01
    { status: 'suspended', deadline: '2026-06-01', closedOn: null }, // overdue too
    { status: 'in_progress', deadline: '2026-07-01', closedOn: null }, // due today: not overdue
  ], [
    { period: '2026-05', firstSubmittedOn: '2026-05-20', reportingDay: 25 },
    { period: '2026-06', firstSubmittedOn: '2026-06-26', reportingDay: 25 },
  ], '2026-07-01')
  t.same(card, { tasksLed: 6, closed: 3, closedOnTime: 2, overdue: 2, reportsSubmitted: 2, reportsOnTime: 1 })
})
