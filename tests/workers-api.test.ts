// The pipeline's HTTP surface: escalations (list, acknowledge, resolve), notifications, the task timeline,
// admin jobs, bull-board behind the admin guard, readiness; mail as .eml files when no SMTP_URL is set.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { eventually, header, scanDay, startTestWorkers } from './fixtures/pipeline.js'

t.test('escalations, notifications and the timeline over a small plan', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  await startTestWorkers(t, ctx)
  const office = as(ctx.app, ctx.actors.office)
  const supervisor = as(ctx.app, ctx.actors.supervisor)
  const unitA = as(ctx.app, ctx.actors.unitA)
  const unitB = as(ctx.app, ctx.actors.unitB)
  const plan = await office.post('/api/plans', { title: '城市更新行动计划', docNumber: '测试〔2026〕9号', startYear: 2026, endYear: 2028 })
  const task = (await office.post(`/api/plans/${plan.body.id}/tasks`, { number: '1', title: '改造老旧小区', deadline: '2026-06-18', leadUnitIds: [ctx.unitA] })).body.id as number
  await office.post(`/api/tasks/${task}/dispatch`, {})
  ctx.setNow('2026-06-26')
  await scanDay(ctx, '2026-06-22')
  await scanDay(ctx, '2026-06-26')

  const list = await supervisor.get('/api/escalations')
  t.equal(list.status, 200)
  t.same(list.body.items.map((e: { level: number; status: string }) => [e.level, e.status]), [[2, 'open'], [1, 'open']], 'newest first')
  const [l2, l1] = list.body.items as { id: number }[]
  t.same((await supervisor.get('/api/escalations?level=1')).body.items.map((e: { id: number }) => e.id), [l1!.id])
  t.same((await supervisor.get(`/api/escalations?taskId=${task}&status=open&limit=1`)).body, { items: [list.body.items[0]], nextCursor: String(l2!.id) }, 'paged')
  t.same((await supervisor.get(`/api/escalations?cursor=${l2!.id}`)).body.items.map((e: { id: number }) => e.id), [l1!.id])
  t.equal((await unitA.get('/api/escalations')).body.items.length, 2, 'the lead unit sees its task\'s escalations')
  t.same((await unitB.get('/api/escalations')).body.items, [], 'another unit sees none')
  t.equal((await unitB.get(`/api/escalations?taskId=${task}`)).status, 404, 'nor learns the task exists')
  t.equal((await unitB.get(`/api/escalations/${l2!.id}`)).status, 404)
  t.equal((await unitA.get(`/api/escalations/${l2!.id}`)).status, 200)
  t.equal((await supervisor.get('/api/escalations?level=4')).status, 400)

  t.test('acknowledge and resolve', async (t) => {
    t.equal((await unitA.post(`/api/escalations/${l2!.id}/acknowledge`, {})).status, 403, 'units do not handle escalations')
    t.equal((await as(ctx.app, ctx.actors.leader).post(`/api/escalations/${l2!.id}/acknowledge`, {})).status, 403, 'nor do leaders')
    t.equal((await supervisor.post('/api/escalations/999999/acknowledge', {})).status, 404)
    ctx.setNow('2026-06-29T10:00:00+08:00')
    const ack = await supervisor.post(`/api/escalations/${l2!.id}/acknowledge`, { note: '已电话督促' })
    t.equal(ack.status, 200)
    t.match(ack.body, { status: 'acknowledged', acknowledgedBy: ctx.actors.supervisor.id, note: '已电话督促' })
    const again = await supervisor.post(`/api/escalations/${l2!.id}/acknowledge`, {})
    t.equal(again.status, 409)
    t.match(again.body, { currentState: 'acknowledged', allowedActions: ['resolve'] })
    t.equal((await supervisor.post(`/api/escalations/${l2!.id}/acknowledge`, { extra: 1 })).status, 400)
    ctx.setNow('2026-06-29T11:00:00+08:00')
    const resolved = await office.post(`/api/escalations/${l2!.id}/resolve`, { note: '已完成整改' })
    t.match(resolved.body, { status: 'resolved', resolvedBy: ctx.actors.office.id, note: '已完成整改' })
    t.equal((await supervisor.post(`/api/escalations/${l2!.id}/resolve`, {})).status, 409, 'resolved is final')
    ctx.setNow('2026-06-29T12:00:00+08:00')
    t.equal((await supervisor.post(`/api/escalations/${l1!.id}/resolve`, {})).status, 200, 'an open one may be resolved directly')
    const audit = await as(ctx.app, ctx.actors.admin).get(`/api/audit?entityType=escalation&entityId=${l2!.id}`)
    t.same(audit.body.items.map((e: { action: string }) => e.action), ['escalation.open', 'escalation.acknowledge', 'escalation.resolve'], 'every step audited')
  })

  t.test('notifications', async (t) => {
    // The 督办单's mail comes from the outbox relay, which runs on its own after the scan that opened it.
    await eventually(async () => ((await office.get(`/api/notifications?taskId=${task}`)).body.items as { kind: string }[])
      .some((n) => n.kind === 'notice_issued'), 10_000, 'the 督办单 mail')
    const all = await office.get(`/api/notifications?taskId=${task}`)
    t.equal(all.status, 200)
    t.same(all.body.items.map((n: { kind: string; recipientEmail: string }) => `${n.kind} ${n.recipientEmail}`).sort(), [
      'escalation_l1 office@example.cn', 'escalation_l1 zjj@example.cn', 'escalation_l2 supervisor@example.cn', 'notice_issued zjj@example.cn', 'task_dispatched zjj@example.cn',
    ], 'the L2 opens a 督办单, mailed to the lead unit')
    t.notOk('bodyText' in all.body.items[0], 'bodies stay in the ledger')
    await eventually(async () => (await office.get('/api/notifications?status=queued')).body.items.length === 0, 10_000, 'all sent')
    t.equal((await office.get('/api/notifications?status=sent')).body.items.length, 6, 'the report reminder digest too')
    t.same((await unitA.get('/api/notifications')).body.items.map((n: { kind: string }) => n.kind).sort(),
      ['escalation_l1', 'escalation_l1', 'escalation_l2', 'notice_issued', 'report_reminder', 'task_dispatched'], 'the unit sees those about its tasks and its own digest')
    t.same((await unitB.get('/api/notifications')).body.items, [])
    t.equal((await unitB.get(`/api/notifications?taskId=${task}`)).status, 404)
    t.equal((await office.get('/api/notifications?status=lost')).status, 400)
  })

  t.test('mail without SMTP_URL lands in data/outbox as .eml files with UTF-8 Chinese subjects', async (t) => {
    const dir = ctx.config.outboxDir
    await eventually(() => fs.existsSync(dir) && fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).length === 6, 10_000, '.eml files')
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'))
    const subjects = files.map((f) => header(fs.readFileSync(path.join(dir, f), 'utf8'), 'Subject')).sort()
    t.ok(subjects.includes('【督办】任务“1. 改造老旧小区”已超过完成时限5个工作日,仍未办结'), 'the L2 subject decodes to Chinese')
    const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8')
    t.match(raw, /Subject: =\?UTF-8\?[BQ]\?/i, 'encoded as UTF-8')
    t.match(raw, /Content-Type: text\/plain; charset=utf-8/i)
    t.match(raw, /Content-Type: text\/html; charset=utf-8/i)
    t.match(header(raw, 'Message-ID'), /^<notification-\d+\..+@duban\.local>$/)
  })

  t.test('the task timeline shows escalations and notifications', async (t) => {
    const timeline = await unitA.get(`/api/tasks/${task}/timeline`)
    t.equal(timeline.status, 200)
    const entries = timeline.body.items as { kind: string; summary: string; actor: { id: number } | null }[]
    t.same(entries.filter((e) => e.kind === 'escalation').map((e) => e.summary), [
      'L1 催办 opened (overdue)', 'L2 督办 opened (overdue)', 'L2 督办 acknowledged', 'L2 督办 resolved', 'L1 催办 resolved',
    ])
    t.equal(entries.filter((e) => e.kind === 'notification').length, 5)
    t.same(entries.filter((e) => e.kind === 'notice').map((e) => e.summary), ['督办〔2026〕第1号: 督办单 issued'], 'the L2 opened a notice')
    t.match(entries.find((e) => e.summary === 'L2 督办 acknowledged'), { actor: { id: ctx.actors.supervisor.id } })
  })

  t.test('readiness reports failed mail and the relay backlog', async (t) => {
    const ready = await as(ctx.app, null).get('/readyz')
    t.match(ready.body.checks, { mail: { ok: true }, outbox: { ok: true } })
    ctx.db.$client.prepare("UPDATE notifications SET status = 'failed' WHERE id = (SELECT min(id) FROM notifications)").run()
    ctx.db.$client.prepare("INSERT INTO outbox_events (type, payload, created_at) VALUES ('task.closed', '{}', '2026-01-01T00:00:00.000Z')").run()
    const degraded = await as(ctx.app, null).get('/readyz')
    t.equal(degraded.status, 200)
    t.equal(degraded.body.status, 'degraded')
    t.match(degraded.body.checks, { mail: { ok: false, detail: '1 notification(s) failed' }, outbox: { ok: false } })
  })
})

t.test('a returned completion request and a rejected extension are mailed to the lead and responsible units', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  await startTestWorkers(t, ctx)
  const office = as(ctx.app, ctx.actors.office)
  const unitA = as(ctx.app, ctx.actors.unitA)
  const plan = await office.post('/api/plans', { title: '城市更新行动计划', docNumber: '测试〔2026〕11号', startYear: 2026, endYear: 2028 })
  const task = (await office.post(`/api/plans/${plan.body.id}/tasks`, { number: '1', title: '改造老旧小区', deadline: '2026-12-31', leadUnitIds: [ctx.unitA], responsibleUnitIds: [ctx.unitB] })).body.id as number
  for (const [who, path, body] of [
    [office, 'dispatch', {}], [unitA, 'acknowledge', {}], [unitA, 'reports', { period: '2026-06', progress: '已开工', percent: 100, targetValues: [] }],
    [unitA, 'completion-request', { summary: '已全部完成' }], [office, 'review', { decision: 'return', comment: '佐证材料不全' }],
  ] as const) t.match((await who.post(`/api/tasks/${task}/${path}`, body)).status, /^20[01]$/, path)
  const asked = await unitA.post(`/api/tasks/${task}/extension-requests`, { newDeadline: '2027-03-31', reason: '资金未到位' })
  t.equal((await office.post(`/api/extension-requests/${asked.body.id}/decision`, { decision: 'reject', comment: '请按期完成' })).status, 200)
  const mails = async () => (await office.get(`/api/notifications?taskId=${task}`)).body.items as { kind: string; recipientEmail: string; subject: string; status: string }[]
  await eventually(async () => (await mails()).filter((n) => n.status === 'sent').length === 6, 10_000, 'six mails sent')
  t.same((await mails()).map((n) => `${n.kind} ${n.recipientEmail}`).sort(), [
    'extension_decided cgj@example.cn', 'extension_decided zjj@example.cn', 'task_dispatched cgj@example.cn', 'task_dispatched zjj@example.cn',
    'task_returned cgj@example.cn', 'task_returned zjj@example.cn',
  ])
  const subjects = new Set((await mails()).map((n) => n.subject))
  t.ok(subjects.has('【办结退回】任务“1. 改造老旧小区”的办结申请已退回'))
  t.ok(subjects.has('【延期审批】任务“1. 改造老旧小区”的延期申请未获批准'))
  const returned = fs.readdirSync(ctx.config.outboxDir).map((f) => fs.readFileSync(path.join(ctx.config.outboxDir, f), 'utf8'))
    .find((raw) => header(raw, 'Subject').startsWith('【办结退回】'))!
  const text = Buffer.from(returned.split(/\r?\n\r?\n/).find((part, i, all) => i > 0 && /text\/plain/i.test(all[i - 1]!))!.replace(/\s+/g, ''), 'base64').toString('utf8')
  t.match(text, /退回理由:佐证材料不全/, 'the reason is in the mail')
})

t.test('admin jobs: admins only; 503 when Redis is unreachable; ?wait=false answers 202', async (t) => {
  const ctx = await createTestApp(t)
  await startTestWorkers(t, ctx)
  for (const actor of ['office', 'supervisor', 'unitA'] as const) {
    t.equal((await as(ctx.app, ctx.actors[actor]).post('/api/admin/jobs/daily-scan', {})).status, 403, `${actor} may not run jobs`)
  }
  t.equal((await as(ctx.app, null).post('/api/admin/jobs/daily-scan', {})).status, 401)
  const admin = as(ctx.app, ctx.actors.admin)
  t.equal((await admin.post('/api/admin/jobs/daily-scan', { asOf: '2026-13-01x' })).status, 400)
  const queued = await admin.post('/api/admin/jobs/daily-scan', { asOf: '2026-06-22' })
  t.equal(queued.status, 202)
  t.match(queued.body, { queue: 'scans', state: 'waiting', jobId: /\d+/ })
  t.equal((await admin.post('/api/admin/jobs/monthly-summary?wait=true', { planId: 424242 })).status, 404, 'an unknown plan')

  const down = await createTestApp(t, { env: { REDIS_URL: 'redis://127.0.0.1:6390' } })
  const refused = await as(down.app, down.actors.admin).post('/api/admin/jobs/daily-scan?wait=true', {})
  t.equal(refused.status, 503)
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal((await as(down.app, down.actors.admin).get('/admin/queues/api/queues')).status, 503, 'the queue board says so too, rather than hang')
  t.equal((await as(down.app, down.actors.office).get('/api/tasks')).status, 200, 'the rest of the API carries on')
})

t.test('bull-board at /admin/queues: admins only, assets behind the same guard, a browser asked for the token', async (t) => {
  const ctx = await createTestApp(t)
  const anonymous = await as(ctx.app, null).get('/admin/queues')
  t.equal(anonymous.status, 401)
  t.equal(anonymous.headers['www-authenticate'], 'Basic realm="Duban admin", charset="UTF-8"', 'a browser prompts for credentials')
  t.equal(anonymous.headers['content-type'], 'application/problem+json; charset=utf-8')
  for (const actor of ['office', 'supervisor', 'leader', 'unitA'] as const) {
    t.equal((await as(ctx.app, ctx.actors[actor]).get('/admin/queues')).status, 403, `${actor} is refused`)
  }
  const page = await as(ctx.app, ctx.actors.admin).get('/admin/queues')
  t.equal(page.status, 200)
  t.match(page.headers['content-type'], /text\/html/)
  const assets = [...String(page.body).matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => `/admin/queues/${m[1]}`)
  t.ok(assets.length >= 3, 'the page names its scripts and styles')
  const basic = { authorization: `Basic ${Buffer.from(`admin:${ctx.actors.admin.token}`).toString('base64')}` }
  for (const asset of assets) {
    const res = await ctx.app.inject({ url: asset, headers: basic })
    t.equal(res.statusCode, 200, `${asset} with Basic credentials`)
  }
  t.equal((await ctx.app.inject({ url: assets[0]! })).statusCode, 401, 'assets need credentials too')
  const wrongBasic = { authorization: `Basic ${Buffer.from(`admin:${ctx.actors.office.token}`).toString('base64')}` }
  t.equal((await ctx.app.inject({ url: '/admin/queues', headers: wrongBasic })).statusCode, 403, 'an office token as Basic password is still not an admin')
  const basicOnApi = await ctx.app.inject({ url: '/api/tasks', headers: basic })
  t.equal(basicOnApi.statusCode, 401, 'Basic credentials count only under /admin')
  const queues = await as(ctx.app, ctx.actors.admin).get('/admin/queues/api/queues')
  t.equal(queues.status, 200)
  t.same(queues.body.queues.map((q: { name: string }) => q.name).sort(), ['mail', 'scans', 'summaries'])
  const doc = ctx.app.swagger() as { paths: Record<string, unknown> }
  t.same(Object.keys(doc.paths).filter((p) => p.startsWith('/admin')), [], 'the board stays out of the API document')
})

t.test('a task without a deadline of its own is reminded and escalated against the one it is held to', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  await startTestWorkers(t, ctx)
  const office = as(ctx.app, ctx.actors.office)
  const supervisor = as(ctx.app, ctx.actors.supervisor)
  const ended = await office.post('/api/plans', { title: '2024—2025年城市更新行动计划', startYear: 2024, endYear: 2025 })
  const late = (await office.post(`/api/plans/${ended.body.id}/tasks`, { number: '1', title: '改造老旧小区', leadUnitIds: [ctx.unitA] })).body.id as number
  const running = await office.post('/api/plans', { title: '2026年城市更新行动计划', startYear: 2026, endYear: 2026 })
  const targeted = (await office.post(`/api/plans/${running.body.id}/tasks`, {
    number: '1', title: '改造燃气管网', leadUnitIds: [ctx.unitA], targets: [{ year: 2026, description: '改造燃气管网', value: 10, measure: '公里', dueOn: '2026-06-30' }],
  })).body.id as number
  for (const id of [late, targeted]) t.equal((await office.post(`/api/tasks/${id}/dispatch`, {})).status, 200)
  t.match((await office.get(`/api/tasks/${late}`)).body, { deadline: null, effectiveDeadline: '2025-12-31', deadlineSource: 'plan', light: 'red' })

  // 23 June is five working days before the target falls due on 30 June.
  ctx.setNow('2026-06-23')
  const day = await scanDay(ctx, '2026-06-23')
  t.equal(day.reminders.deadline_5d, 1, 'the target\'s due date is the deadline reminded of')
  const reminders = await office.get(`/api/notifications?taskId=${targeted}`)
  t.ok(reminders.body.items.some((n: { kind: string }) => n.kind === 'deadline_reminder'), 'reminded about the targeted task')
  const bodyOf = (taskId: number, kind: string) => ctx.db.$client.prepare('SELECT body_text FROM notifications WHERE task_id = ? AND kind = ? LIMIT 1').pluck().get(taskId, kind) as string
  t.match(bodyOf(targeted, 'deadline_reminder'), '完成时限:2026年6月30日(按年度目标完成时间)', 'the mail names the date and where it comes from')
  t.match(bodyOf(late, 'escalation_l3'), '完成时限:2025年12月31日(按行动计划期末)')
  const escalations = (await supervisor.get(`/api/escalations?taskId=${late}`)).body.items as { level: number; deadline: string; reason: string }[]
  t.same(escalations.map((e) => [e.level, e.deadline, e.reason]), [[3, '2025-12-31', 'overdue']], 'past the plan\'s end, straight to the leaders')
  t.same((await supervisor.get(`/api/escalations?taskId=${targeted}`)).body.items, [], 'the targeted task is not overdue')
})
