import fc from 'fast-check'
import t from 'tap'
import { createCalendar } from '../../src/domain/calendar.js'
import { lightOf, yellowFrom } from '../../src/domain/lights.js'
import { shanghaiDate } from '../../src/domain/dates.js'

const cal = createCalendar()

t.test('weekends, the 2026 National Day holiday and its make-up working days', async (t) => {
  t.equal(cal.isWorkday('2026-11-20'), true, 'a Friday')
  t.equal(cal.isWorkday('2026-11-21'), false, 'a Saturday')
  for (let d = 1; d <= 7; d++) t.equal(cal.isWorkday(`2026-10-0${d}`), false, `2026-10-0${d} is National Day holiday`)
  t.equal(cal.isWorkday('2026-10-08'), true)
  t.equal(cal.isWorkday('2026-09-20'), true, 'Sunday 2026-09-20 is a make-up working day (调休)')
  t.equal(cal.isWorkday('2026-10-10'), true, 'Saturday 2026-10-10 is a make-up working day (调休)')
  t.equal(cal.isWorkday('2026-06-19'), false, 'Dragon Boat Festival')
})

t.test('working-day arithmetic skips holidays and counts make-up days', async (t) => {
  t.equal(cal.addWorkingDays('2026-09-30', 1), '2026-10-08', 'the day after 30 Sep is 8 Oct')
  t.equal(cal.addWorkingDays('2026-10-09', 1), '2026-10-10', 'Friday → make-up Saturday')
  t.equal(cal.addWorkingDays('2026-10-12', -2), '2026-10-09', 'backwards over the make-up Saturday and the Sunday')
  t.equal(cal.workingDaysBetween('2026-09-30', '2026-10-08'), 1)
  t.equal(cal.workingDaysBetween('2026-10-08', '2026-09-30'), -1)
  t.equal(cal.workingDaysBetween('2026-11-20', '2026-11-20'), 0)
  t.equal(cal.workingDaysBetween('2026-11-20', '2026-11-27'), 5, 'a week is five working days')
  t.equal(cal.nthWorkingDayOnOrBefore('2026-11-22', 1), '2026-11-20', 'Sunday → the Friday before')
  t.equal(cal.nthWorkingDayOnOrBefore('2026-11-20', 1), '2026-11-20')
  t.equal(cal.firstWorkingDayOnOrAfter('2026-10-01'), '2026-10-08')
})

t.test('admin overrides win over the package (years it does not cover yet)', async (t) => {
  const withOverrides = createCalendar(new Map([['2027-01-01', 'holiday'], ['2027-01-02', 'workday']]))
  t.equal(cal.isWorkday('2027-01-01'), true, 'the package does not know 2027 yet: a plain Friday')
  t.equal(withOverrides.isWorkday('2027-01-01'), false)
  t.equal(withOverrides.isWorkday('2027-01-02'), true, 'a Saturday made a working day')
  t.equal(withOverrides.addWorkingDays('2026-12-31', 1), '2027-01-02')
})

t.test('lights: red past the deadline, yellow within N working days, green otherwise', async (t) => {
  const deadline = '2026-10-09' // Friday after National Day
  const from = yellowFrom(deadline, 5, cal)
  t.equal(cal.workingDaysBetween(from!, deadline), 5, 'at the first yellow day exactly N working days remain')
  t.equal(from, '2026-09-24', 'Mid-Autumn (25–27 Sep) and National Day stretch the window back: 28, 29, 30 Sep, 8, 9 Oct remain')
  t.equal(lightOf({ status: 'in_progress', deadline, yellowFrom: from }, '2026-09-23'), 'green')
  t.equal(lightOf({ status: 'in_progress', deadline, yellowFrom: from }, '2026-09-24'), 'yellow')
  t.equal(lightOf({ status: 'in_progress', deadline, yellowFrom: from }, '2026-09-27'), 'yellow', 'through the holiday')
  t.equal(lightOf({ status: 'in_progress', deadline, yellowFrom: from }, '2026-10-09'), 'yellow', 'the deadline day itself')
  t.equal(lightOf({ status: 'in_progress', deadline, yellowFrom: from }, '2026-10-10'), 'red', 'the day after')
  t.equal(lightOf({ status: 'closed', deadline, yellowFrom: from }, '2026-12-01'), 'green', 'closed tasks are never red')
  t.equal(lightOf({ status: 'draft', deadline: null, yellowFrom: null }, '2030-01-01'), 'green', 'no deadline')
  const overWeekend = yellowFrom('2026-11-23', 5, cal) // a Monday
  t.equal(overWeekend, '2026-11-16', 'weekends do not count: Mon 23 Nov minus five working days')
})

t.test('today is the date in Asia/Shanghai whatever the machine zone', async (t) => {
  t.equal(shanghaiDate(new Date('2026-11-20T16:30:00Z')), '2026-11-21', '00:30 in Shanghai is already the next day')
  t.equal(shanghaiDate(new Date('2026-11-20T15:59:00Z')), '2026-11-20')
})

t.test('the fixed UTC+8 arithmetic agrees with the time-zone database from 1992 to 2100', async () => {
  const tzdb = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  fc.assert(fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (instant) => {
    return shanghaiDate(instant) === tzdb.format(instant)
  }), { numRuns: 5000 })
})
