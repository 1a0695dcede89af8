// 督办单 over HTTP: numbering under concurrency, colours, reply / accept / ask again, scope and roles, the Word
// file, the L2 escalation that opens one, the L3 escalation of an unanswered one, and mail through real SMTP.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { samples, upload } from './fixtures/evidence.js'
import { as, createTestApp, seedPlanWithTask, type TestContext } from './fixtures/harness.js'
import { eventually, scanDay, startSmtpSink, startTestWorkers } from './fixtures/pipeline.js'
import { withWorkflowActors } from './fixtures/workflow.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

async function dispatchedTask(ctx: TestContext, fields: Record<string, unknown> = {}) {
  const { taskId, planId } = await seedPlanWithTask(ctx, fields)
  const res = await as(ctx.app, ctx.actors.office).post(`/api/tasks/${taskId}/dispatch`, {})
  if (res.status !== 200) throw new Error(`dispatch: ${res.status} ${JSON.stringify(res.body)}`)
  return { taskId, planId }
}

t.test('numbering: parallel issues get consecutive numbers, no gaps, no duplicates; per year', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const { taskId } = await dispatchedTask(ctx)
  const supervisor = as(ctx.app, ctx.actors.supervisor)
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) =>
    supervisor.post('/api/notices', { taskId, problem: `问题${i}`, requirement: '请按期反馈' })))
  t.same(results.map((r) => r.status), Array(30).fill(201))
  const seqs = results.map((r) => r.body.seq as number).sort((a, b) => a - b)
  t.same(seqs, Array.from({ length: 30 }, (_, i) => i + 1), '1..30, each once')
  t.ok(results.every((r) => r.body.number === `督办〔2026〕第${r.body.seq}号`))
  ctx.setNow('2027-01-04')
  const next = await supervisor.post('/api/notices', { taskId, problem: '新年', requirement: '请反馈' })
  t.equal(next.body.number, '督办〔2027〕第1号', 'a new year starts again at 1')
})

t.test('issue, reply, ask again, accept; colours; scope and roles; timeline and audit', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-11-20' })
  const supervisor = as(ctx.app, ctx.actors.supervisor)
  const unitA = as(ctx.app, ctx.actors.unitA)
  const unitB = as(ctx.app, ctx.actors.unitB)
  const { taskId } = await dispatchedTask(ctx, { deadline: '2026-12-31', targets: [] })
  const overdueTask = (await dispatchedTask(ctx, { deadline: '2026-11-10' })).taskId
  const soonTask = (await dispatchedTask(ctx, { deadline: '2026-11-24' })).taskId

  const issued = await supervisor.post('/api/notices', { taskId, problem: '进度滞后', requirement: '请加快推进并反馈' })
  t.equal(issued.status, 201)
  t.equal(issued.headers.location, `/api/notices/${issued.body.id}`)
  t.match(issued.body, {
    number: '督办〔2026〕第1号', taskId, unitId: ctx.unitA, unitName: '市住建局', colour: 'blue', status: 'open', overdue: false,
    issuedOn: '2026-11-20', replyBy: '2026-11-27', issuedBy: ctx.actors.supervisor.id, escalationId: null,
  }, '蓝 before the deadline; reply-by five working days on')
  t.same(issued.body.history.map((h: { action: string }) => h.action), ['issue'])
  t.equal((await supervisor.post('/api/notices', { taskId: overdueTask, problem: '逾期', requirement: '请反馈' })).body.colour, 'red', '红 when overdue')
  t.equal((await supervisor.post('/api/notices', { taskId: soonTask, problem: '临期', requirement: '请反馈' })).body.colour, 'yellow', '黄 on a yellow light')
  const id = issued.body.id as number

  t.test('bad input and roles', async (t) => {
    t.equal((await supervisor.post('/api/notices', { taskId, problem: '', requirement: 'x' })).status, 400)
    const bad = await supervisor.post('/api/notices', { taskId, problem: 'x', requirement: 'x', replyBy: '2026-02-30' })
    t.equal(bad.status, 400)
    t.match(bad.body.errors, [{ field: 'replyBy' }])
    t.equal((await supervisor.post('/api/notices', { taskId, problem: 'x', requirement: 'x', replyBy: '2026-11-01' })).status, 400, 'not in the past')
    t.equal((await supervisor.post('/api/notices', { taskId: 999999, problem: 'x', requirement: 'x' })).status, 404)
    const draft = (await seedPlanWithTask(ctx)).taskId
    t.equal((await supervisor.post('/api/notices', { taskId: draft, problem: 'x', requirement: 'x' })).status, 409, 'not on a draft')
    for (const actor of ['office', 'leader', 'unitA'] as const) {
      t.equal((await as(ctx.app, ctx.actors[actor]).post('/api/notices', { taskId, problem: 'x', requirement: 'x' })).status, 403, `${actor} may not issue`)
    }
    t.equal((await as(ctx.app, ctx.actors.admin).post('/api/notices', { taskId, problem: 'x', requirement: 'x' })).status, 201, 'admin may')
    t.equal((await as(ctx.app, null).get('/api/notices')).status, 401)
  })

  t.test('scope: another unit sees none and gets 404 by id', async (t) => {
    t.same((await unitB.get('/api/notices')).body.items, [])
    t.equal((await unitB.get(`/api/notices/${id}`)).status, 404)
    t.equal((await unitB.get(`/api/notices/${id}?format=docx`)).status, 404)
    t.equal((await unitB.post(`/api/notices/${id}/reply`, { text: '冒名反馈' })).status, 404)
    t.ok((await unitA.get('/api/notices')).body.items.every((n: { unitId: number }) => n.unitId === ctx.unitA))
    t.equal((await as(ctx.app, ctx.actors.leader).get(`/api/notices/${id}`)).status, 200, 'leaders read every notice')
  })

  t.test('reply, ask again, reply, accept', async (t) => {
    t.equal((await supervisor.post(`/api/notices/${id}/accept`, {})).status, 409, 'nothing to accept before a reply')
    t.equal((await supervisor.post(`/api/notices/${id}/reply`, { text: 'x' })).status, 403, 'only the unit replies')
    ctx.setNow('2026-11-23T10:00:00+08:00')
    const replied = await unitA.post(`/api/notices/${id}/reply`, { text: '已完成摸排,正在施工' })
    t.equal(replied.status, 200)
    t.match(replied.body, { status: 'replied', lastReply: '已完成摸排,正在施工', lastReplyAttachments: [] })
    const twice = await unitA.post(`/api/notices/${id}/reply`, { text: '再次' })
    t.equal(twice.status, 409)
    t.match(twice.body, { currentState: 'replied', allowedActions: ['accept', 'reopen'] })
    t.same((await supervisor.get('/api/notices?status=replied')).body.items.map((n: { id: number }) => n.id), [id], 'awaiting review')
    t.equal((await supervisor.post(`/api/notices/${id}/reopen`, {})).status, 400, 'a reason is required')
    ctx.setNow('2026-11-24T10:00:00+08:00')
    const reopened = await supervisor.post(`/api/notices/${id}/reopen`, { reason: '佐证材料不全' })
    t.match(reopened.body, { status: 'open', replyBy: '2026-12-01' }, 'a new reply-by five working days on')
    ctx.setNow('2026-11-25T10:00:00+08:00')
    await unitA.post(`/api/notices/${id}/reply`, { text: '补充了验收材料' })
    const accepted = await supervisor.post(`/api/notices/${id}/accept`, { comment: '同意' })
    t.match(accepted.body, { status: 'accepted' })
    t.same(accepted.body.history.map((h: { action: string; text: string | null }) => [h.action, h.text]), [
      ['issue', null], ['reply', '已完成摸排,正在施工'], ['reopen', '佐证材料不全'], ['reply', '补充了验收材料'], ['accept', '同意'],
    ])
    t.equal((await supervisor.post(`/api/notices/${id}/reopen`, { reason: 'x' })).status, 409, 'accepted is final')
    const audit = await as(ctx.app, ctx.actors.admin).get(`/api/audit?entityType=notice&entityId=${id}`)
    t.same(audit.body.items.map((e: { action: string }) => e.action), ['notice.issue', 'notice.reply', 'notice.reopen', 'notice.reply', 'notice.accept'])
    const timeline = await unitA.get(`/api/tasks/${taskId}/timeline`)
    t.same(timeline.body.items.filter((e: { kind: string; data: { noticeId: number } }) => e.kind === 'notice' && e.data.noticeId === id).map((e: { data: { action: string } }) => e.data.action),
      ['issue', 'reply', 'reopen', 'reply', 'accept'], 'in the task timeline')
  })

  t.test('filters and pages', async (t) => {
    t.same((await supervisor.get('/api/notices?colour=red')).body.items.map((n: { taskId: number }) => n.taskId), [overdueTask])
    t.equal((await supervisor.get(`/api/notices?unitId=${ctx.unitA}&status=open`)).body.items.length, 3)
    const page = await supervisor.get('/api/notices?limit=2')
    t.equal(page.body.items.length, 2)
    const rest = await supervisor.get(`/api/notices?limit=100&cursor=${page.body.nextCursor}`)
    t.ok(rest.body.items.every((n: { id: number }) => n.id < Number(page.body.nextCursor)))
    ctx.setNow('2026-12-10')
    const overdue = (await supervisor.get('/api/notices?overdue=true')).body.items as { id: number; overdue: boolean; status: string }[]
    t.ok(overdue.length >= 3 && overdue.every((n) => n.overdue && n.status === 'open'))
    t.notOk(overdue.some((n) => n.id === id), 'an accepted notice is never overdue')
    t.equal((await supervisor.get('/api/notices?colour=green')).status, 400)
  })

  t.test('the Word file', async (t) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/notices/${id}?format=docx`, headers: { authorization: `Bearer ${ctx.actors.unitA.token}` } })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-type'], DOCX)
    t.match(res.headers['content-disposition'], `filename*=UTF-8''${encodeURIComponent('督办〔2026〕第1号.docx')}`)
    const file = path.join(ctx.dir, 'notice.docx')
    fs.writeFileSync(file, res.rawPayload)
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' })
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n')
    for (const part of ['蓝色督办单', '督办〔2026〕第1号', '主送:市住建局', '2026年11月20日', '改造老旧小区', '进度滞后', '请加快推进并反馈', '2026年12月1日', '督查室']) {
      t.ok(text.includes(part), `has ${part}`)
    }
  })
})

t.test('evidence with a reply (佐证材料): own unattached uploads only, in the reply\'s transaction; read by the unit and the supervisors, not other units', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const w = ctx.workflowActors
  const supervisor = as(ctx.app, w.supervisor)
  const unit = as(ctx.app, w.lead)
  const { taskId } = await dispatchedTask(ctx)
  const id = (await supervisor.post('/api/notices', { taskId, problem: '进度滞后', requirement: '请反馈并附佐证材料' })).body.id as number
  const mine = await upload(ctx.app, w.lead, '整改照片.png', await samples.png())
  const theirs = (await upload(ctx.app, w.cooperating, '配合单位.pdf', samples.pdf('coop'))).body.id as number
  const onReport = (await upload(ctx.app, w.lead, '月报附件.pdf', samples.pdf('report'))).body.id as number
  t.equal((await unit.post(`/api/tasks/${taskId}/acknowledge`, {})).status, 200)
  t.equal((await unit.post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: '已开工', percent: 10, targetValues: [], attachmentIds: [onReport] })).status, 201)

  const refused = async (attachmentIds: number[], why: string) => {
    const res = await unit.post(`/api/notices/${id}/reply`, { text: '已整改', attachmentIds })
    t.equal(res.status, 422, why)
    t.match(res.body.errors, [{ in: 'body', field: 'attachmentIds' }], `${why}: the problem names attachmentIds`)
  }
  await refused([theirs], "another unit's upload")
  await refused([mine.body.id, onReport], 'a file attached to a report already')
  await refused([987654], 'no such file')
  await refused([mine.body.id, mine.body.id], 'the same file twice')
  const untouched = (await supervisor.get(`/api/notices/${id}`)).body
  t.match(untouched, { status: 'open', lastReply: null }, 'a refused reply writes nothing')
  t.same(untouched.history.map((h: { action: string }) => h.action), ['issue'])
  t.equal((await unit.get(`/api/files/${mine.body.id}`)).status, 200, 'the file is still an unattached upload of its uploader…')
  t.equal((await supervisor.get(`/api/files/${mine.body.id}`)).status, 404, '…that nobody else reads')
  const audit = await as(ctx.app, w.admin).get(`/api/audit?entityType=notice&entityId=${id}`)
  t.same(audit.body.items.map((e: { action: string }) => e.action), ['notice.issue'], 'no reply audited')

  const replied = await unit.post(`/api/notices/${id}/reply`, { text: '已整改,附现场照片', attachmentIds: [mine.body.id] })
  t.equal(replied.status, 200)
  const file = { id: mine.body.id, name: '整改照片.png', size: mine.body.size, type: 'image/png' }
  t.same(replied.body.lastReplyAttachments, [file], 'the reply carries its file')
  t.same(replied.body.history.map((h: { action: string; attachments: unknown[] }) => [h.action, h.attachments]), [['issue', []], ['reply', [file]]])
  t.same((await supervisor.get(`/api/notices?status=replied`)).body.items[0].lastReplyAttachments, [file], 'the desk lists the latest reply\'s files')
  t.equal((await unit.post(`/api/notices/${id}/reply`, { text: '再次', attachmentIds: [theirs] })).status, 409, 'a refused move is 409 before the files are looked at')
  t.equal((await as(ctx.app, w.cooperating).get(`/api/files/${theirs}`)).status, 200, 'the refused file stays its uploader\'s, unattached')

  for (const actor of ['lead', 'supervisor', 'office', 'leader', 'admin'] as const) {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/files/${mine.body.id}`, headers: { authorization: `Bearer ${w[actor].token}` } })
    t.equal(res.statusCode, 200, `${actor} downloads the reply's file`)
    if (actor === 'supervisor') t.equal(res.rawPayload.length, mine.body.size, 'the bytes uploaded')
  }
  for (const actor of ['outsider', 'cooperating', 'responsible'] as const) {
    t.equal((await as(ctx.app, w[actor]).get(`/api/files/${mine.body.id}`)).status, 404, `${actor}: another unit gets 404, like the notice`)
    t.equal((await as(ctx.app, w[actor]).get(`/api/files/${mine.body.id}/preview`)).status, 404)
  }
  const listed = (who: typeof w.lead) => as(ctx.app, who).get(`/api/tasks/${taskId}/files`).then((r) => r.body.items.map((f: { id: number; ownerType: string }) => [f.id, f.ownerType]))
  t.same(await listed(w.office), [[mine.body.id, 'notice_reply'], [onReport, 'report']], "the task's files include the reply's for the office")
  t.same(await listed(w.cooperating), [[onReport, 'report']], 'not for a partner unit on the task')
  const replyEntries = async (who: typeof w.lead) => (await as(ctx.app, who).get(`/api/tasks/${taskId}/timeline`)).body.items
    .filter((e: { kind: string; data: { action: string } }) => e.kind === 'notice' && e.data.action === 'reply')
  t.match(await replyEntries(w.lead), [{ comment: '已整改,附现场照片', data: { noticeId: id, attachments: [file] } }], 'the timeline entry lists the files')
  t.same(await replyEntries(w.cooperating), [], 'a partner unit does not see the notice in the timeline either')
  t.equal((await as(ctx.app, w.lead).delete(`/api/files/${mine.body.id}`)).status, 409, 'a submitted reply\'s files stay')
  const reopened = await supervisor.post(`/api/notices/${id}/reopen`, { reason: '照片不清晰' })
  t.same(reopened.body.lastReplyAttachments, [file], 'asking again keeps the reply and its files')
})

t.test('the ladder: L2 opens a notice; an unanswered one goes to the leaders once; mail through SMTP', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  const smtp = await startSmtpSink(t)
  await startTestWorkers(t, ctx, { smtpUrl: smtp.url })
  const supervisor = as(ctx.app, ctx.actors.supervisor)
  const { taskId } = await dispatchedTask(ctx, { deadline: '2026-06-18' })
  ctx.setNow('2026-06-26')
  await scanDay(ctx, '2026-06-22')
  t.same((await supervisor.get('/api/notices')).body.items, [], 'L1 opens no notice')
  const l2 = await scanDay(ctx, '2026-06-26')
  t.equal(l2.escalations.l2, 1)
  const [notice] = (await supervisor.get('/api/notices')).body.items
  const escalation = (await supervisor.get(`/api/escalations?taskId=${taskId}&level=2`)).body.items[0]
  t.match(notice, { taskId, unitId: ctx.unitA, colour: 'red', status: 'open', issuedOn: '2026-06-26', replyBy: '2026-07-03', escalationId: escalation.id, issuedBy: null })
  t.match(notice.problem, /已超过完成时限5个工作日/)
  await scanDay(ctx, '2026-06-29')
  t.equal((await supervisor.get('/api/notices')).body.items.length, 1, 'the L2 opens its notice once')

  await smtp.waitFor(1, 20_000).catch(() => {})
  await eventually(() => smtp.received.some((m) => m.subject.includes(notice.number)), 20_000, 'the notice mailed')
  const mail = smtp.received.find((m) => m.subject.includes(notice.number))!
  t.same(mail.to, ['zjj@example.cn'], 'to the lead unit')
  t.equal(mail.subject, `【红色督办单】${notice.number} 任务“1. 改造老旧小区”`)

  ctx.setNow('2026-07-03')
  t.equal((await scanDay(ctx, '2026-07-03')).notifications >= 0, true)
  t.equal((await supervisor.get(`/api/notices/${notice.id}`)).body.escalatedOn, null, 'not on its reply-by day')
  ctx.setNow('2026-07-06')
  await scanDay(ctx, '2026-07-06')
  const escalated = (await supervisor.get(`/api/notices/${notice.id}`)).body
  t.match(escalated, { escalatedOn: '2026-07-06', overdue: true })
  t.same(escalated.history.map((h: { action: string }) => h.action), ['issue', 'escalate'])
  await scanDay(ctx, '2026-07-07')
  t.same((await supervisor.get(`/api/notices/${notice.id}`)).body.history.map((h: { action: string }) => h.action), ['issue', 'escalate'], 'once')
  const leaderMail = await as(ctx.app, ctx.actors.office).get(`/api/notifications?taskId=${taskId}`)
  t.same(leaderMail.body.items.filter((n: { kind: string }) => n.kind === 'notice_overdue').map((n: { recipientEmail: string }) => n.recipientEmail), ['leader@example.cn'], 'to the leaders, once')
  await eventually(() => smtp.received.some((m) => m.subject === `【领导督办】督办单${notice.number}逾期未反馈` && m.to.includes('leader@example.cn')), 20_000, 'the L3 mail')
  t.pass('the leaders got the mail')
})
