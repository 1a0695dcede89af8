// The schedulers: which days generate which summary, the repeating jobs in Redis (Asia/Shanghai), and a
// scheduled job acting for the day it was meant for.
import { QueueEvents } from 'bullmq'
import { Redis } from 'ioredis'
import t from 'tap'
import { createCalendar } from '../src/domain/calendar.js'
import { SCHEDULES, summaryJobName, upsertSchedulers } from '../src/queues/schedulers.js'
import { isSummaryDay, periodBefore } from '../src/queues/summary-schedule.js'
import { as, createTestApp, seedPlanWithTask } from './fixtures/harness.js'
import { startTestWorkers } from './fixtures/pipeline.js'

const calendar = createCalendar()

t.test('the period before a date, by kind', async (t) => {
  t.equal(periodBefore('monthly', '2026-07-01'), '2026-06')
  t.equal(periodBefore('monthly', '2026-01-05'), '2025-12')
  t.equal(periodBefore('quarterly', '2026-07-01'), '2026-Q2')
  t.equal(periodBefore('quarterly', '2026-01-05'), '2025-Q4')
  t.equal(periodBefore('quarterly', '2026-05-20'), '2026-Q1')
  t.equal(periodBefore('annual', '2026-01-05'), '2025')
})

t.test('summary days: the first working day of the month, quarter and year', async (t) => {
  const days = (kind: 'monthly' | 'quarterly' | 'annual', from: string, to: string) => {
    const out: string[] = []
    for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10)
      if (isSummaryDay(kind, date, calendar)) out.push(date)
    }
    return out
  }
  // 1 Jan (holiday), 2 Jan (holiday) → Sunday 4 Jan is a make-up working day; 1 Feb is a Sunday; 1 Mar a Sunday;
  // 1–5 May are holidays; 1–7 Oct too.
  t.same(days('monthly', '2026-01-01', '2026-12-31'), [
    '2026-01-04', '2026-02-02', '2026-03-02', '2026-04-01', '2026-05-06', '2026-06-01',
    '2026-07-01', '2026-08-03', '2026-09-01', '2026-10-08', '2026-11-02', '2026-12-01',
  ])
  t.same(days('quarterly', '2026-01-01', '2026-12-31'), ['2026-01-04', '2026-04-01', '2026-07-01', '2026-10-08'])
  t.same(days('annual', '2026-01-01', '2026-12-31'), ['2026-01-04'])
})

t.test('the repeating jobs are set once, in Asia/Shanghai, however often processes start', async (t) => {
  const ctx = await createTestApp(t)
  const running = await startTestWorkers(t, ctx)
  await upsertSchedulers(running.queues)
  await upsertSchedulers(running.queues)
  const scans = await running.queues.scans.getJobSchedulers()
  t.match(scans, [{ key: 'daily-scan', pattern: '30 8 * * *', tz: 'Asia/Shanghai' }])
  const next = new Date(scans[0]!.next!)
  t.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(next), '08:30', 'next run at 08:30 Shanghai time')
  const summaries = await running.queues.summaries.getJobSchedulers()
  t.same(summaries.map((s) => [s.key, s.pattern, s.tz]).sort(), SCHEDULES.filter((s) => s.queue === 'summaries').map((s) => [s.id, s.pattern, 'Asia/Shanghai']).sort())
})

t.test('a scheduled summary job acts for the day it was meant for, and only on a summary day', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-10' })
  const running = await startTestWorkers(t, ctx)
  const { planId } = await seedPlanWithTask(ctx)
  const redis = new Redis(ctx.config.redisUrl, { maxRetriesPerRequest: null })
  const events = new QueueEvents('summaries', { connection: redis, prefix: ctx.config.redisPrefix })
  t.teardown(async () => {
    await events.close()
    redis.disconnect()
  })
  await events.waitUntilReady()
  const runScheduled = async (meantFor: string) => {
    const job = await running.queues.summaries.add(summaryJobName('monthly'), { scheduled: true }, { timestamp: Date.parse(`${meantFor}T09:00:00+08:00`) })
    return job.waitUntilFinished(events, 30_000)
  }
  ctx.setNow('2026-07-02')
  t.same(await runScheduled('2026-07-02'), { kind: 'monthly', asOf: '2026-07-02', period: null, summaries: [] }, 'not the first working day: nothing')
  t.match(await runScheduled('2026-07-01'), { kind: 'monthly', asOf: '2026-07-01', period: '2026-06', summaries: [{ planId, created: true }] },
    'picked up a day late, it still summarises as of the day it was meant for')
  const list = await as(ctx.app, ctx.actors.office).get('/api/summaries')
  t.equal(list.status, 200)
})
