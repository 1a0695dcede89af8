import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import t from 'tap'
import { as, createTestApp } from './fixtures/harness.js'
import { samples, upload } from './fixtures/evidence.js'
import { taskIn, withWorkflowActors } from './fixtures/workflow.js'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const blobsIn = (dir: string) => fs.readdirSync(path.join(dir, 'files')).filter((d) => /^[0-9a-f]{2}$/.test(d))
  .flatMap((d) => fs.readdirSync(path.join(dir, 'files', d)).map((f) => d + f))

t.test('upload: sniffed type, content-addressed, same content stored once, Chinese names round-trip', async (t) => {
  const ctx = await createTestApp(t)
  const pdf = samples.pdf()
  const first = await upload(ctx.app, ctx.actors.unitA, '竣工验收报告(第一批).pdf', pdf, 'application/pdf')
  t.equal(first.status, 201)
  t.match(first.body, { name: '竣工验收报告(第一批).pdf', size: pdf.length, type: 'application/pdf', sha256: sha(pdf) })
  t.equal(first.headers.location, `/api/files/${first.body.id}`)
  const second = await upload(ctx.app, ctx.actors.unitA, '副本.pdf', pdf)
  t.equal(second.status, 201)
  t.not(second.body.id, first.body.id, 'a row per upload')
  t.same(blobsIn(ctx.dir), [sha(pdf)], 'one blob for both')
  t.ok(fs.existsSync(path.join(ctx.dir, 'files', sha(pdf).slice(0, 2), sha(pdf).slice(2))), 'stored at files/ab/cdef…')

  const got = await ctx.app.inject({ method: 'GET', url: `/api/files/${first.body.id}`, headers: { authorization: `Bearer ${ctx.actors.unitA.token}` } })
  t.equal(got.statusCode, 200)
  t.same(got.rawPayload, pdf, 'the bytes come back')
  t.equal(got.headers['content-type'], 'application/pdf')
  t.equal(got.headers['x-content-type-options'], 'nosniff')
  const disposition = got.headers['content-disposition'] as string
  t.match(disposition, /^inline; /, 'PDFs open in the browser')
  t.match(disposition, /filename\*=UTF-8''%E7%AB%A3%E5%B7%A5/, 'the Chinese name in filename*')
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!
  t.equal(decodeURIComponent(encoded), '竣工验收报告(第一批).pdf', 'and it decodes to the original')

  const docx = await samples.docx()
  const word = await upload(ctx.app, ctx.actors.unitA, '合同.docx', docx)
  t.equal(word.body.type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  const wordGot = await ctx.app.inject({ method: 'GET', url: `/api/files/${word.body.id}`, headers: { authorization: `Bearer ${ctx.actors.unitA.token}` } })
  t.match(wordGot.headers['content-disposition'], /^attachment; /, 'office files download')
  t.equal((await upload(ctx.app, ctx.actors.unitA, '台账.xls', samples.compound())).body.type, 'application/vnd.ms-excel', 'OLE2 named .xls')
  t.equal((await upload(ctx.app, ctx.actors.unitA, '报告.wps', samples.compound())).status, 201, 'OLE2 named .wps')
  const audit = ctx.db.$client.prepare("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'file.upload'").get() as { n: number }
  t.equal(audit.n, 5, 'every upload audited')
})

t.test('415 names the type found; 413 keeps nothing; bad requests are problems', async (t) => {
  const ctx = await createTestApp(t, { env: { ATTACHMENT_MAX_BYTES: String(64 * 1024) } })
  const exe = await upload(ctx.app, ctx.actors.unitA, '验收报告.pdf', samples.exe(), 'application/pdf')
  t.equal(exe.status, 415, 'an .exe renamed .pdf')
  t.match(exe.body.detail, /application\/x-msdownload/)
  t.equal(exe.body.found, 'application/x-msdownload')
  const text = await upload(ctx.app, ctx.actors.unitA, 'notes.pdf', Buffer.from('just some words'))
  t.equal(text.status, 415)
  t.match(text.body.detail, /unknown/)
  const ole = await upload(ctx.app, ctx.actors.unitA, 'setup.msi', samples.compound())
  t.equal(ole.status, 415, 'an OLE2 file not named as an office file')
  const big = await upload(ctx.app, ctx.actors.unitA, '航拍.pdf', Buffer.concat([samples.pdf(), Buffer.alloc(200 * 1024)]))
  t.equal(big.status, 413)
  t.match(big.body, { title: 'Content Too Large' })
  const notMultipart = await as(ctx.app, ctx.actors.unitA).post('/api/files', { file: 'x' })
  t.equal(notMultipart.status, 415)
  t.same(blobsIn(ctx.dir), [], 'no blob kept')
  t.same(fs.readdirSync(path.join(ctx.dir, 'files', 'tmp')), [], 'no temp file left')
  t.equal((ctx.db.$client.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n, 0, 'no row')
  const anon = await ctx.app.inject({ method: 'POST', url: '/api/files' })
  t.equal(anon.statusCode, 401)
})

t.test('scope: an unattached file is its uploader’s; an attached one follows its task; another unit gets 404', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const w = ctx.workflowActors
  const taskId = await taskIn(ctx, 'acknowledged')
  const up = await upload(ctx.app, w.lead, '照片.png', await samples.png())
  t.equal(up.status, 201)
  const id = up.body.id
  t.equal((await as(ctx.app, w.office).get(`/api/files/${id}`)).status, 404, 'unattached: not even the office sees it')
  t.equal((await as(ctx.app, w.cooperating).get(`/api/files/${id}`)).status, 404)

  const report = await as(ctx.app, w.lead).post(`/api/tasks/${taskId}/reports`, { period: '2026-10', progress: '已完成摸底', percent: 10, targetValues: [], attachmentIds: [id] })
  t.equal(report.status, 201)
  t.same(report.body.attachments, [{ id, name: '照片.png', size: up.body.size, type: 'image/png' }])
  for (const actor of ['lead', 'cooperating', 'responsible', 'office', 'admin', 'supervisor', 'leader'] as const) {
    t.equal((await as(ctx.app, w[actor]).get(`/api/files/${id}`)).status, 200, `${actor} reads an attached file of the task`)
  }
  t.equal((await as(ctx.app, w.outsider).get(`/api/files/${id}`)).status, 404, 'another unit: 404, as for the task')
  t.equal((await as(ctx.app, w.outsider).get(`/api/files/${id}/preview`)).status, 404)
  t.equal((await as(ctx.app, w.outsider).get(`/api/tasks/${taskId}/files`)).status, 404)
  const listed = await as(ctx.app, w.office).get(`/api/tasks/${taskId}/files`)
  t.match(listed.body.items, [{ id, ownerType: 'report', ownerId: report.body.id, uploader: { id: w.lead.id } }])
  t.equal((await as(ctx.app, w.lead).delete(`/api/files/${id}`)).status, 409, 'files of a submitted report are immutable')
  t.equal((await as(ctx.app, w.lead).get(`/api/files/999999`)).status, 404)
})

t.test('attach rules: only your own unattached uploads; every item lists its attachments', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const w = ctx.workflowActors
  const taskId = await taskIn(ctx, 'in_progress')
  const lead = as(ctx.app, w.lead)
  const mine = (await upload(ctx.app, w.lead, '验收单.pdf', samples.pdf('a'))).body.id
  const theirs = (await upload(ctx.app, w.cooperating, '配合.pdf', samples.pdf('b'))).body.id

  const foreign = await lead.post(`/api/tasks/${taskId}/completion-request`, { summary: '已完成', attachmentIds: [theirs] })
  t.equal(foreign.status, 422, "someone else's upload")
  t.match(foreign.body.errors, [{ field: 'attachmentIds' }])
  t.equal((await lead.get(`/api/tasks/${taskId}`)).body.status, 'in_progress', 'nothing changed: one transaction')
  t.equal((await lead.post(`/api/tasks/${taskId}/completion-request`, { summary: '已完成', attachmentIds: [987654] })).status, 422, 'no such file')
  t.equal((await lead.post(`/api/tasks/${taskId}/completion-request`, { summary: '已完成', attachmentIds: [mine, mine] })).status, 422, 'the same file twice')

  const asked = await lead.post(`/api/tasks/${taskId}/completion-request`, { summary: '已全部完成', attachmentIds: [mine] })
  t.equal(asked.status, 200)
  const requests = await as(ctx.app, w.office).get(`/api/tasks/${taskId}/completion-requests`)
  t.equal(requests.status, 200)
  t.match(requests.body.items, [{ summary: '已全部完成', requestedBy: { id: w.lead.id }, attachments: [{ id: mine, name: '验收单.pdf', type: 'application/pdf' }], outcome: null }])
  t.equal((await lead.post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: '收尾', percent: 100, targetValues: [], attachmentIds: [mine] })).status, 422, 'attached once only')

  t.equal((await as(ctx.app, w.office).post(`/api/tasks/${taskId}/review`, { decision: 'return', comment: '佐证材料不全' })).status, 200)
  const more = (await upload(ctx.app, w.lead, '现场照片.jpg', await samples.sidewaysJpeg())).body.id
  t.equal((await lead.post(`/api/tasks/${taskId}/completion-request`, { summary: '补充了照片', attachmentIds: [more] })).status, 200)
  const after = await as(ctx.app, w.lead).get(`/api/tasks/${taskId}/completion-requests`)
  t.match(after.body.items, [
    { summary: '已全部完成', outcome: { decision: 'return', comment: '佐证材料不全', decidedBy: { id: w.office.id } } },
    { summary: '补充了照片', attachments: [{ id: more, type: 'image/jpeg' }], outcome: null },
  ])

  const ext = (await upload(ctx.app, w.lead, '情况说明.docx', await samples.docx())).body.id
  const extension = await lead.post(`/api/tasks/${taskId}/extension-requests`, { newDeadline: '2027-06-30', reason: '雨季停工', attachmentIds: [ext] })
  t.equal(extension.status, 201)
  t.match(extension.body.attachments, [{ id: ext, name: '情况说明.docx' }])
  t.match((await as(ctx.app, w.office).get(`/api/tasks/${taskId}/extension-requests`)).body.items, [{ attachments: [{ id: ext }] }])

  const office = as(ctx.app, w.office)
  const plan = (await upload(ctx.app, w.office, '实施方案.pdf', samples.pdf('plan'))).body.id
  const patched = await office.patch(`/api/tasks/${taskId}`, { attachmentIds: [plan] })
  t.equal(patched.status, 200)
  t.match(patched.body.attachments, [{ id: plan, name: '实施方案.pdf' }])
  t.match((await lead.get(`/api/tasks/${taskId}`)).body.attachments, [{ id: plan }], 'the unit sees the task’s files')
  t.equal((await lead.post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: 'x', percent: 90, targetValues: [], attachmentIds: [plan] })).status, 422, 'not the office’s file')

  // A revision adds files; the report keeps those of earlier revisions.
  const r1 = (await upload(ctx.app, w.cooperating, '一.pdf', samples.pdf('r1'))).body.id
  const r2 = (await upload(ctx.app, w.cooperating, '二.pdf', samples.pdf('r2'))).body.id
  const coop = as(ctx.app, w.cooperating)
  t.equal((await coop.post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: '配合', percent: 50, targetValues: [], attachmentIds: [r1] })).status, 201)
  const rev2 = await coop.post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: '配合(修订)', percent: 60, targetValues: [], attachmentIds: [r2] })
  t.equal(rev2.body.revision, 2)
  t.same(rev2.body.attachments.map((a: { id: number }) => a.id), [r1, r2])
  t.same((await lead.get(`/api/reports/${rev2.body.id}`)).body.attachments.map((a: { id: number }) => a.id), [r1, r2])
})

t.test('delete and purge: the uploader removes an unattached file; unattached files go after a day', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t, { now: '2026-11-20' }))
  const w = ctx.workflowActors
  const png = await samples.png()
  const a = (await upload(ctx.app, w.lead, 'a.png', png)).body.id
  const b = (await upload(ctx.app, w.lead, 'b.png', png)).body.id
  t.equal((await as(ctx.app, w.cooperating).delete(`/api/files/${a}`)).status, 404, 'not yours')
  t.equal((await as(ctx.app, w.lead).delete(`/api/files/${a}`)).status, 204)
  t.equal((await as(ctx.app, w.lead).get(`/api/files/${a}`)).status, 404)
  t.same(blobsIn(ctx.dir), [sha(png)], 'the blob stays while another row holds it')
  t.equal((await as(ctx.app, w.lead).delete(`/api/files/${b}`)).status, 204)
  t.same(blobsIn(ctx.dir), [], 'and goes with the last row')

  const taskId = await taskIn(ctx, 'acknowledged')
  const kept = (await upload(ctx.app, w.lead, 'kept.pdf', samples.pdf('kept'))).body.id
  const stray = (await upload(ctx.app, w.lead, 'stray.pdf', samples.pdf('stray'))).body.id
  await as(ctx.app, w.lead).post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: '进展', percent: 10, targetValues: [], attachmentIds: [kept] })
  t.equal(ctx.app.repos.files.purgeUnattached(24 * 3600 * 1000, () => {}), 0, 'nothing a day old yet')
  ctx.setNow('2026-11-21T13:00:00+08:00')
  const purged = ctx.app.repos.files.purgeUnattached(24 * 3600 * 1000, (h) => fs.rmSync(path.join(ctx.dir, 'files', h.slice(0, 2), h.slice(2))))
  t.equal(purged, 1)
  t.equal((await as(ctx.app, w.lead).get(`/api/files/${stray}`)).status, 404)
  t.equal((await as(ctx.app, w.lead).get(`/api/files/${kept}`)).status, 200, 'attached files stay')
  t.same(blobsIn(ctx.dir), [sha(samples.pdf('kept'))])
})

t.test('previews: images upright by EXIF, at most 480 px; others 415', async (t) => {
  const ctx = await createTestApp(t)
  const jpg = await upload(ctx.app, ctx.actors.unitA, '现场.jpg', await samples.sidewaysJpeg())
  t.equal(jpg.body.type, 'image/jpeg')
  const res = await ctx.app.inject({ method: 'GET', url: `/api/files/${jpg.body.id}/preview`, headers: { authorization: `Bearer ${ctx.actors.unitA.token}` } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'image/jpeg')
  const meta = await sharp(res.rawPayload).metadata()
  t.same([meta.width, meta.height], [100, 200], 'turned upright')
  const again = await ctx.app.inject({ method: 'GET', url: `/api/files/${jpg.body.id}/preview`, headers: { authorization: `Bearer ${ctx.actors.unitA.token}` } })
  t.same(again.rawPayload, res.rawPayload, 'cached')
  const pdf = await upload(ctx.app, ctx.actors.unitA, 'a.pdf', samples.pdf())
  const noPreview = await as(ctx.app, ctx.actors.unitA).get(`/api/files/${pdf.body.id}/preview`)
  t.equal(noPreview.status, 415)
  const heic = await upload(ctx.app, ctx.actors.unitA, 'IMG_0001.HEIC', samples.heic())
  t.equal(heic.status, 201, 'HEIC photos are accepted')
  t.equal(heic.body.type, 'image/heic')
  const heicPreview = await as(ctx.app, ctx.actors.unitA).get(`/api/files/${heic.body.id}/preview`)
  t.equal(heicPreview.status, 415, 'but the prebuilt image library makes no preview of them')
  t.match(heicPreview.body.detail, /download the original/)
})
