import fc from 'fast-check'
import t from 'tap'
import { createCalendar } from '../../src/domain/calendar.js'
import { addDays } from '../../src/domain/dates.js'
import { escalationOpenedAt, levelDue, overdueCutoffs, overdueLevel, workingDaysOverdue } from '../../src/domain/escalation-ladder.js'

const calendar = createCalendar()
const settings = { l2Days: 5, l3Days: 15 }
const level = (deadline: string | null, asOf: string, periodsMissing = 0) => levelDue({ deadline, asOf, settings, calendar, periodsMissing })

/** The first date from `deadline` on at which `n` is the level due. */
function firstDayAt(deadline: string, n: number) {
  for (let d = deadline; d < addDays(deadline, 60); d = addDays(d, 1)) if ((level(deadline, d)?.level ?? 0) >= n) return d
  return null
}

t.test('overdue working days skip holidays and count make-up days', async (t) => {
  t.equal(workingDaysOverdue('2026-06-18', '2026-06-18', calendar), 0)
  t.equal(workingDaysOverdue('2026-06-18', '2026-06-21', calendar), 0, 'Dragon Boat Friday and the weekend are not working days')
  t.equal(workingDaysOverdue('2026-06-18', '2026-06-22', calendar), 1)
  t.equal(workingDaysOverdue('2026-09-30', '2026-10-10', calendar), 3, '8, 9 and the make-up Saturday 10 October')
  t.equal(workingDaysOverdue('2026-06-18', '2026-06-10', calendar), 0)
})

t.test('each level\'s first day across Dragon Boat 2026', async (t) => {
  // Deadline Thursday 18 June; Friday 19 is a holiday.
  t.equal(firstDayAt('2026-06-18', 1), '2026-06-22', 'L1 on the first working day overdue')
  t.equal(firstDayAt('2026-06-18', 2), '2026-06-26', 'L2 at 5 working days')
  t.equal(firstDayAt('2026-06-18', 3), '2026-07-10', 'L3 at 15 working days')
  t.same(level('2026-06-18', '2026-06-19'), null)
  t.same(level('2026-06-18', '2026-06-22'), { level: 1, reason: 'overdue' })
})

t.test('each level\'s first day across National Day and the make-up Saturday', async (t) => {
  t.equal(firstDayAt('2026-09-30', 1), '2026-10-08')
  t.equal(firstDayAt('2026-09-30', 2), '2026-10-13', '8, 9, Saturday 10 (make-up), 12, 13')
  t.equal(firstDayAt('2026-09-30', 3), '2026-10-27')
})

t.test('reports missing two periods running raise L2 before the deadline', async (t) => {
  t.same(level('2026-12-31', '2026-07-27', 1), null)
  t.same(level('2026-12-31', '2026-07-27', 2), { level: 2, reason: 'reports_missing' })
  t.same(level(null, '2026-07-27', 3), { level: 2, reason: 'reports_missing' })
  t.same(level('2026-06-18', '2026-06-22', 2), { level: 2, reason: 'reports_missing' }, 'the higher level wins')
  t.same(level('2026-06-18', '2026-07-10', 2), { level: 3, reason: 'overdue' })
  t.same(levelDue({ deadline: '2026-06-18', asOf: '2026-06-23', settings: { l2Days: 2, l3Days: 3 }, calendar, periodsMissing: 0 }), { level: 2, reason: 'overdue' }, 'the plan\'s own ladder')
})

t.test('the scan\'s deadline cut-offs agree with the ladder for any dates', async (t) => {
  t.same(overdueCutoffs('2026-06-26', settings, calendar), { 1: '2026-06-26', 2: '2026-06-22', 3: '2026-06-05' })
  const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2026-01-01', n))
  const ladder = fc.constantFrom({ l2Days: 5, l3Days: 15 }, { l2Days: 3, l3Days: 10 }, { l2Days: 1, l3Days: 2 })
  fc.assert(fc.property(day, fc.integer({ min: -10, max: 60 }), ladder, (asOf, back, s) => {
    const deadline = addDays(asOf, -back)
    const expected = levelDue({ deadline, asOf, settings: s, calendar, periodsMissing: 0 })?.level ?? null
    return overdueLevel(deadline, overdueCutoffs(asOf, s, calendar)) === expected
  }))
})

t.test('an escalation opens in the timeline when its row was written, within the Shanghai day it was opened for', async (t) => {
  t.equal(escalationOpenedAt('2026-11-30', '2026-11-30T02:15:00.000Z'), '2026-11-30T02:15:00.000Z', 'the scan of the day itself: the real moment (10:15 in Shanghai)')
  t.equal(escalationOpenedAt('2026-11-30', '2026-11-29T16:00:00.000Z'), '2026-11-29T16:00:00.000Z', 'midnight in Shanghai is that day')
  t.equal(escalationOpenedAt('2026-11-27', '2026-11-30T02:15:00.000Z'), '2026-11-27T15:59:59.999Z', 'a scan run later for an earlier day: the last instant of that day')
  t.equal(escalationOpenedAt('2026-12-03', '2026-11-30T02:15:00.000Z'), '2026-12-02T16:00:00.000Z', 'a scan run ahead: the first instant of its day')
})
