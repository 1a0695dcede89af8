import fc from 'fast-check'
import t from 'tap'
import { createCalendar } from '../../src/domain/calendar.js'
import { addDays } from '../../src/domain/dates.js'
import {
  deadlineReminderDays, deadlineReminderDue, deadlinesWithReminderDue, lastOverduePeriods, reportingDate, reportReminderDue, workingDaysBefore,
} from '../../src/domain/reminders.js'

const calendar = createCalendar()
const DAYS = [5, 1]

/** The reminder due on each date from `from` to `to`, as `date:n` (or `date:-`). */
function dueByDay(deadline: string, from: string, to: string, days = DAYS) {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(`${d}:${deadlineReminderDue(deadline, d, days, calendar) ?? '-'}`)
  return out
}

t.test('the plan\'s reminder days are its yellow window and the day before', async (t) => {
  t.same(deadlineReminderDays({ yellowDays: 5 }), [5, 1])
  t.same(deadlineReminderDays({ yellowDays: 3 }), [3, 1])
  t.same(deadlineReminderDays({ yellowDays: 1 }), [1])
})

t.test('n working days before a deadline leaves exactly n working days up to it', async (t) => {
  // 2026-06-19 (Fri) is the Dragon Boat holiday; 20–21 the weekend.
  t.equal(workingDaysBefore('2026-06-24', 1, calendar), '2026-06-23')
  t.equal(workingDaysBefore('2026-06-24', 5, calendar), '2026-06-16')
  t.equal(workingDaysBefore('2026-06-22', 1, calendar), '2026-06-18', 'the day before Monday 22 June is Thursday 18: Friday 19 is a holiday')
  // 2026-10-10 (Sat) is a make-up working day after the National Day holiday.
  t.equal(workingDaysBefore('2026-10-12', 1, calendar), '2026-10-10', 'the make-up Saturday counts')
  t.equal(workingDaysBefore('2026-10-09', 5, calendar), '2026-09-24', 'across National Day (1–7 Oct) and Mid-Autumn (25 Sep)')
  // A deadline on a day off: the light and the reminder count the working days up to it.
  t.equal(workingDaysBefore('2026-06-21', 1, calendar), '2026-06-17')
  for (const [deadline, n] of [['2026-06-24', 5], ['2026-10-12', 1], ['2026-06-21', 1], ['2026-09-22', 5]] as const) {
    t.equal(calendar.workingDaysBetween(workingDaysBefore(deadline, n, calendar), deadline), n, `${n} working days remain before ${deadline}`)
  }
})

t.test('the reminder due on each day around Dragon Boat 2026', async (t) => {
  t.same(dueByDay('2026-06-24', '2026-06-15', '2026-06-25'), [
    '2026-06-15:-', '2026-06-16:5', '2026-06-17:5', '2026-06-18:5', '2026-06-19:5', '2026-06-20:5', '2026-06-21:5', '2026-06-22:5',
    '2026-06-23:1', '2026-06-24:1', '2026-06-25:-',
  ])
})

t.test('the reminder due on each day around a make-up working day', async (t) => {
  // Deadline Monday 12 Oct: the 1-day reminder falls on the make-up Saturday 10 Oct.
  t.same(dueByDay('2026-10-12', '2026-09-28', '2026-10-13'), [
    '2026-09-28:-', '2026-09-29:5', '2026-09-30:5', '2026-10-01:5', '2026-10-02:5', '2026-10-03:5', '2026-10-04:5', '2026-10-05:5',
    '2026-10-06:5', '2026-10-07:5', '2026-10-08:5', '2026-10-09:5', '2026-10-10:1', '2026-10-11:1', '2026-10-12:1', '2026-10-13:-',
  ])
  // The make-up Sunday 20 Sep counts toward the five days.
  t.equal(workingDaysBefore('2026-09-22', 5, calendar), '2026-09-16')
})

t.test('deadlinesWithReminderDue finds exactly the deadlines whose reminder is due', async (t) => {
  t.same([...deadlinesWithReminderDue('2026-06-18', DAYS, calendar)], [
    ['2026-06-18', 1], ['2026-06-19', 1], ['2026-06-20', 1], ['2026-06-21', 1], ['2026-06-22', 1],
    ['2026-06-23', 5], ['2026-06-24', 5], ['2026-06-25', 5], ['2026-06-26', 5], ['2026-06-27', 5], ['2026-06-28', 5],
  ], 'deadlines on the holiday and the weekend have their last working day before them on the 18th; the weekend after 26 June has its fifth')
  t.same([...deadlinesWithReminderDue('2026-06-18', [], calendar)], [])
  const day = fc.integer({ min: 0, max: 700 }).map((n) => addDays('2026-01-01', n))
  fc.assert(fc.property(day, fc.constantFrom([5, 1], [3, 1], [1], [10, 1]), (asOf, days) => {
    const found = deadlinesWithReminderDue(asOf, days, calendar)
    for (let deadline = addDays(asOf, -3); deadline <= addDays(asOf, 40); deadline = addDays(deadline, 1)) {
      if ((found.get(deadline) ?? null) !== deadlineReminderDue(deadline, asOf, days, calendar)) return false
    }
    return true
  }))
})

t.test('the report reminder window: 3 working days before the reporting day', async (t) => {
  t.equal(reportingDate('2026-06', 25), '2026-06-25')
  t.equal(reportingDate('2026-02', 31), '2026-02-28')
  t.equal(reportingDate('2026-02', 0), '2026-02-01')
  // Reporting day 22 (Mon 22 June): the window opens Tue 16 June, Dragon Boat in between.
  const due = (asOf: string, day: number) => reportReminderDue(asOf, day, calendar)
  t.equal(due('2026-06-15', 22), null)
  t.same(due('2026-06-16', 22), { period: '2026-06', dueOn: '2026-06-22' })
  t.same(due('2026-06-22', 22), { period: '2026-06', dueOn: '2026-06-22' })
  t.equal(due('2026-06-23', 22), null)
  // Reporting day 1: the window lies at the end of the month before.
  t.equal(due('2026-06-25', 1), null)
  t.same(due('2026-06-26', 1), { period: '2026-07', dueOn: '2026-07-01' })
  t.same(due('2026-07-01', 1), { period: '2026-07', dueOn: '2026-07-01' })
  // Reporting day 12 October: the make-up Saturday 10 October counts.
  t.same(due('2026-10-08', 12), { period: '2026-10', dueOn: '2026-10-12' })
  t.equal(due('2026-09-30', 12), null)
})

t.test('the periods whose report is overdue', async (t) => {
  t.same(lastOverduePeriods('2026-07-27', 25, 2), ['2026-07', '2026-06'])
  t.same(lastOverduePeriods('2026-07-25', 25, 2), ['2026-06', '2026-05'], 'on the reporting day itself the report is not yet late')
  t.same(lastOverduePeriods('2026-01-10', 25, 2), ['2025-12', '2025-11'])
})
