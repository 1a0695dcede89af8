// Time travel through the daily scan: the exact reminders, escalation levels and recipients on each day
// across Dragon Boat 2026 (Fri 19 June) and the National Day make-up Saturday (10 October), over a real
// Redis and a real SMTP server.
import t from 'tap'
import { addDays } from '../src/domain/dates.js'
import { as, createTestApp, type TestContext } from './fixtures/harness.js'
import { eventually, scanDay, startSmtpSink, startTestWorkers } from './fixtures/pipeline.js'

const A = 'zjj@example.cn' // 市住建局's contact
const B = 'cgj@example.cn' // 市城管局's contact
const OFFICE = 'office@example.cn'
const SUPERVISOR = 'supervisor@example.cn'
const LEADER = 'leader@example.cn'

/** Dedupe keys of the notifications created after id `afterId`, sorted. */
function keysAfter(ctx: TestContext, afterId: number): string[] {
  return (ctx.db.$client.prepare('SELECT dedupe_key AS k FROM notifications WHERE id > ? ORDER BY dedupe_key').all(afterId) as { k: string }[]).map((r) => r.k)
}
/** An escalation expected on a day: its level, task and the addresses mailed. */
interface Esc { level: number; taskId: number; to: string[] }
const esc = (level: number, taskId: number, ...to: string[]): Esc => ({ level, taskId, to })
/** The 督办单 an L2 opens, mailed to the task's lead unit once its outbox event is relayed. */
interface NoticeMail { noticeFor: number; to: string }
const noticeMail = (taskId: number, to: string): NoticeMail => ({ noticeFor: taskId, to })

const lastId = (ctx: TestContext) => (ctx.db.$client.prepare('SELECT coalesce(max(id), 0) AS n FROM notifications').get() as { n: number }).n

t.test('reminders and the escalation ladder, day by day', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  const sink = await startSmtpSink(t)
  await startTestWorkers(t, ctx, { smtpUrl: sink.url })
  const office = as(ctx.app, ctx.actors.office)
  const plan = await office.post('/api/plans', { title: '城市更新行动计划', docNumber: '测试〔2026〕1号', startYear: 2026, endYear: 2028 })
  const create = async (number: string, deadline: string, units: Record<string, number[]>) => {
    const res = await office.post(`/api/plans/${plan.body.id}/tasks`, { number, title: `任务${number}`, deadline, ...units })
    t.equal(res.status, 201, `task ${number} created`)
    return res.body.id as number
  }
  const t1 = await create('1', '2026-06-24', { leadUnitIds: [ctx.unitA], responsibleUnitIds: [ctx.unitB] })
  const t2 = await create('2', '2026-06-18', { leadUnitIds: [ctx.unitA], cooperatingUnitIds: [ctx.unitB] })
  const t3 = await create('3', '2026-10-12', { leadUnitIds: [ctx.unitB] })
  for (const id of [t1, t2, t3]) t.equal((await office.post(`/api/tasks/${id}/dispatch`, {})).status, 200, `task ${id} dispatched`)

  // Dispatch mails every unit of the task (cooperating ones too), through the outbox relay.
  await eventually(() => keysAfter(ctx, 0).length === 5, 10_000, 'dispatch notifications')
  const events = (ctx.db.$client.prepare("SELECT id, task_id AS taskId FROM outbox_events WHERE type = 'task.dispatched' ORDER BY id").all() as { id: number; taskId: number }[])
  const ev = new Map(events.map((e) => [e.taskId, e.id]))
  t.same(keysAfter(ctx, 0), [
    `event:${ev.get(t1)}:${B}`, `event:${ev.get(t1)}:${A}`, `event:${ev.get(t2)}:${B}`, `event:${ev.get(t2)}:${A}`, `event:${ev.get(t3)}:${B}`,
  ].sort(), 'dispatch: lead, responsible and cooperating units')

  const planId = plan.body.id as number
  const expected: Record<string, (string | Esc | NoticeMail)[]> = {
    '2026-06-11': [`reminder:5d:${t2}:2026-06-18:${A}`],
    '2026-06-16': [`reminder:5d:${t1}:2026-06-24:${A}`, `reminder:5d:${t1}:2026-06-24:${B}`],
    '2026-06-17': [`reminder:1d:${t2}:2026-06-18:${A}`],
    // Monday after Dragon Boat: the first working day overdue for a deadline of Thursday 18 June;
    // and the report reminder window (3 working days before the 25th) opens: one digest per unit.
    '2026-06-22': [esc(1, t2, A, OFFICE), `reminder:report:${planId}:2026-06:${ctx.unitA}:${A}`, `reminder:report:${planId}:2026-06:${ctx.unitB}:${B}`],
    '2026-06-23': [`reminder:1d:${t1}:2026-06-24:${A}`, `reminder:1d:${t1}:2026-06-24:${B}`],
    // 5 working days overdue (22–26 June); task 1's new deadline (3 July, extended on the 23rd) starts afresh.
    '2026-06-26': [esc(2, t2, SUPERVISOR), noticeMail(t2, A), `reminder:5d:${t1}:2026-07-03:${A}`, `reminder:5d:${t1}:2026-07-03:${B}`],
    '2026-07-02': [`reminder:1d:${t1}:2026-07-03:${A}`, `reminder:1d:${t1}:2026-07-03:${B}`],
    // Task 2's notice (issued 26 June) went unanswered past its reply-by date, 3 July: to the leaders.
    '2026-07-06': [esc(1, t1, A, OFFICE), `notice-overdue:1:2026-07-03:${LEADER}`],
    '2026-07-10': [esc(3, t2, LEADER), esc(2, t1, SUPERVISOR), noticeMail(t1, A)],
    // Scans resume after a gap: task 1 has passed 15 working days (straight to L3, no L2 again); task 3's
    // reports for August and September are both missing (L2 before its deadline).
    '2026-09-28': [esc(3, t1, LEADER), esc(2, t3, SUPERVISOR), noticeMail(t3, B), `notice-overdue:2:2026-07-17:${LEADER}`],
    '2026-09-29': [`reminder:5d:${t3}:2026-10-12:${B}`],
    // The make-up working Saturday counts: the day before Monday 12 October.
    '2026-10-10': [`reminder:1d:${t3}:2026-10-12:${B}`],
    // Task 3's notice was due on the make-up Saturday; the next working day it goes to the leaders.
    '2026-10-12': [`notice-overdue:3:2026-10-10:${LEADER}`],
  }
  const days = [
    ...Array.from({ length: 30 }, (_, i) => addDays('2026-06-11', i)),
    ...Array.from({ length: 16 }, (_, i) => addDays('2026-09-28', i)),
  ]
  const offDays = ['2026-06-13', '2026-06-14', '2026-06-19', '2026-06-20', '2026-06-21', '2026-06-27', '2026-06-28', '2026-07-04', '2026-07-05',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-11']
  const escalationIds = () => new Map((ctx.db.$client.prepare('SELECT id, task_id AS taskId, level FROM escalations').all() as { id: number; taskId: number; level: number }[])
    .map((e) => [`L${e.level}:${e.taskId}`, e.id]))

  for (const day of days) {
    ctx.setNow(day)
    const before = lastId(ctx)
    const result = await scanDay(ctx, day)
    t.equal(result.workingDay, !offDays.includes(day), `${day} ${offDays.includes(day) ? 'is not' : 'is'} a working day`)
    const ids = escalationIds()
    const spec = expected[day] ?? []
    const want = spec.flatMap((item) => {
      if (typeof item === 'string') return [item]
      if ('noticeFor' in item) {
        const event = ctx.db.$client.prepare("SELECT id FROM outbox_events WHERE type = 'notice.issued' AND task_id = ?").get(item.noticeFor) as { id: number } | undefined
        t.ok(event, `${day}: a notice issued for task ${item.noticeFor}`)
        return [`event:${event?.id}:${item.to}`]
      }
      const id = ids.get(`L${item.level}:${item.taskId}`)
      t.ok(id, `${day}: L${item.level} opened for task ${item.taskId}`)
      return item.to.map((email) => `escalation:${id}:${email}`)
    })
    // Notices are mailed through the outbox relay, a moment after the scan.
    await eventually(() => keysAfter(ctx, before).length >= want.length, 10_000, `${day}: notifications`)
    t.same(keysAfter(ctx, before), want.sort(), `${day}: exactly the expected notifications`)
    const opened = spec.filter((s): s is Esc => typeof s !== 'string' && 'level' in s)
    const count = (level: number) => opened.filter((e) => e.level === level).length
    t.same(result.escalations, { l1: count(1), l2: count(2), l3: count(3) }, `${day}: escalations by level`)

    if (day === '2026-06-23') {
      // The lead unit asks for more time; the office approves: a new deadline, mailed to lead and responsible units.
      const unitA = as(ctx.app, ctx.actors.unitA)
      const asked = await unitA.post(`/api/tasks/${t1}/extension-requests`, { newDeadline: '2026-07-03', reason: '汛期施工受阻' })
      t.equal(asked.status, 201, 'extension requested')
      const decided = await office.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'approve', comment: '同意' })
      t.equal(decided.status, 200, 'extension approved')
      const decisionEvent = (ctx.db.$client.prepare("SELECT id FROM outbox_events WHERE type = 'extension.decided'").get() as { id: number }).id
      await eventually(() => keysAfter(ctx, before).length === want.length + 2, 10_000, 'extension decision mail')
      t.same(keysAfter(ctx, before).filter((k) => k.startsWith('event:')), [`event:${decisionEvent}:${B}`, `event:${decisionEvent}:${A}`].sort(), 'the decision goes to lead and responsible units')
    }
  }

  t.same(ctx.db.$client.prepare('SELECT task_id AS taskId, level, deadline, opened_on AS openedOn, reason, status FROM escalations ORDER BY opened_on, task_id, level').all(), [
    { taskId: t2, level: 1, deadline: '2026-06-18', openedOn: '2026-06-22', reason: 'overdue', status: 'open' },
    { taskId: t2, level: 2, deadline: '2026-06-18', openedOn: '2026-06-26', reason: 'overdue', status: 'open' },
    { taskId: t1, level: 1, deadline: '2026-07-03', openedOn: '2026-07-06', reason: 'overdue', status: 'open' },
    { taskId: t1, level: 2, deadline: '2026-07-03', openedOn: '2026-07-10', reason: 'overdue', status: 'open' },
    { taskId: t2, level: 3, deadline: '2026-06-18', openedOn: '2026-07-10', reason: 'overdue', status: 'open' },
    { taskId: t1, level: 3, deadline: '2026-07-03', openedOn: '2026-09-28', reason: 'overdue', status: 'open' },
    { taskId: t3, level: 2, deadline: '2026-10-12', openedOn: '2026-09-28', reason: 'reports_missing', status: 'open' },
  ], 'one escalation per task, deadline and level; task 3 overdue on 13 October already stands at L2')

  await t.test('re-running a day sends nothing new', async (t) => {
    const before = lastId(ctx)
    for (const day of ['2026-06-22', '2026-06-26', '2026-07-10', '2026-09-28', '2026-10-10']) {
      const again = await scanDay(ctx, day)
      t.same({ escalations: again.escalations, notifications: again.notifications, reminders: again.reminders }, { escalations: { l1: 0, l2: 0, l3: 0 }, notifications: 0, reminders: {} }, `${day} again`)
    }
    t.equal(lastId(ctx), before)
  })

  await t.test('every notification reaches the SMTP server exactly once', async (t) => {
    const total = keysAfter(ctx, 0).length
    t.equal(total, 36, "30, and three notices with their three lapses")
    await sink.waitFor(total, 30_000)
    await eventually(() => (ctx.db.$client.prepare("SELECT count(*) AS n FROM notifications WHERE status = 'sent'").get() as { n: number }).n === total, 10_000, 'all sent')
    const keys = sink.received.map((m) => m.dedupeKey)
    t.equal(new Set(sink.received.map((m) => m.messageId)).size, sink.received.length, 'no Message-ID twice')
    t.same([...keys].sort(), keysAfter(ctx, 0), 'one message per notification')
    const l3 = sink.received.find((m) => m.dedupeKey.startsWith('escalation:') && m.to.includes(LEADER))!
    t.match(l3.subject, /^【领导督办】任务“2\. 任务2”已超过完成时限15个工作日/, 'a Chinese subject, decoded')
    const digest = sink.received.find((m) => m.dedupeKey.startsWith(`reminder:report:${planId}:2026-06:${ctx.unitA}:`))!
    t.equal(digest.subject, '【填报提醒】请于2026年6月25日前报送2026年6月任务进展(2项)')
    const body = Buffer.from(digest.raw.split(/\r?\n\r?\n/).find((part, i, all) => i > 0 && /text\/plain/i.test(all[i - 1]!))!.replace(/\s+/g, ''), 'base64').toString('utf8')
    t.match(body, /市住建局:[\s\S]*尚有2项任务未填报,如下:[\s\S]*2\. 任务2\(时限:2026年6月18日\)[\s\S]*1\. 任务1\(时限:2026年6月24日\)/, 'the unit\'s tasks, soonest deadline first')
  })
})

t.test('reports missing two periods running raise L2 only for tasks that had to report', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-04-20' })
  await startTestWorkers(t, ctx)
  const office = as(ctx.app, ctx.actors.office)
  const plan = await office.post('/api/plans', { title: '计划', docNumber: '测试〔2026〕2号', startYear: 2026, endYear: 2028 })
  const create = async (number: string) => (await office.post(`/api/plans/${plan.body.id}/tasks`, { number, title: `任务${number}`, deadline: '2026-12-31', leadUnitIds: [ctx.unitA] })).body.id as number
  const silent = await create('1')
  const reporting = await create('2')
  await office.post(`/api/tasks/${silent}/dispatch`, {})
  await office.post(`/api/tasks/${reporting}/dispatch`, {})
  ctx.setNow('2026-06-01')
  const late = await create('3')
  await office.post(`/api/tasks/${late}/dispatch`, {})
  // Task 2's lead signs for it and reports for May.
  const unitA = as(ctx.app, ctx.actors.unitA)
  ctx.setNow('2026-05-20')
  t.equal((await unitA.post(`/api/tasks/${reporting}/acknowledge`, {})).status, 200)
  const report = await unitA.post(`/api/tasks/${reporting}/reports`, { period: '2026-05', progress: '已完成摸底调查', percent: 10, targetValues: [] })
  t.equal(report.status, 201, 'May report submitted')

  ctx.setNow('2026-06-26')
  const result = await scanDay(ctx, '2026-06-26')
  t.same(result.escalations, { l1: 0, l2: 1, l3: 0 })
  t.same(ctx.db.$client.prepare('SELECT task_id AS taskId, level, reason FROM escalations').all(), [{ taskId: silent, level: 2, reason: 'reports_missing' }],
    'only the task dispatched before May that reported neither May nor June; not the one dispatched in June')
  t.same(keysAfter(ctx, 0).filter((k) => k.startsWith('escalation:')), [`escalation:${(ctx.db.$client.prepare('SELECT id FROM escalations').get() as { id: number }).id}:${SUPERVISOR}`])
})
