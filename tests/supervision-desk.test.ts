// The supervision office's desk over HTTP: escalations with their tasks, a unit's page (overdue tasks, open
// notices, score history from the quarterly notices) and the same lists as .xlsx workbooks.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { as, createTestApp, seedPlanWithTask } from './fixtures/harness.js'
import { scanDay, startTestWorkers } from './fixtures/pipeline.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

t.test('the desk and a unit\'s page', async (t) => {
  const ctx = await createTestApp(t, { now: '2026-06-01' })
  await startTestWorkers(t, ctx)
  const supervisor = as(ctx.app, ctx.actors.supervisor)
  const { planId, taskId } = await seedPlanWithTask(ctx, { deadline: '2026-06-18', targets: [] })
  await as(ctx.app, ctx.actors.office).post(`/api/tasks/${taskId}/dispatch`, {})
  ctx.setNow('2026-06-26')
  await scanDay(ctx, '2026-06-22')
  await scanDay(ctx, '2026-06-26')
  ctx.setNow('2026-07-02')
  t.equal((await as(ctx.app, ctx.actors.office).post('/api/summaries', { kind: 'quarterly', planId, period: '2026-Q2' })).status, 201)

  const list = await supervisor.get('/api/supervision/escalations?open=true')
  t.equal(list.status, 200)
  t.same(list.body.items.map((e: { level: number; taskNumber: string; leadUnits: { name: string }[] }) => [e.level, e.taskNumber, e.leadUnits.map((u) => u.name)]),
    [[2, '1', ['市住建局']], [1, '1', ['市住建局']]])
  t.same((await supervisor.get('/api/supervision/escalations?level=2')).body.items.length, 1)
  t.same((await supervisor.get(`/api/supervision/escalations?unitId=${ctx.unitB}`)).body.items, [], 'by lead unit')

  const unit = await supervisor.get(`/api/supervision/units/${ctx.unitA}`)
  t.equal(unit.status, 200)
  t.match(unit.body, { unit: { id: ctx.unitA, name: '市住建局' }, overdueTasks: [{ id: taskId }], openNotices: [{ taskId, colour: 'red' }] })
  t.match(unit.body.scores, [{ planId, period: '2026-Q2', rank: 1, unitsRanked: 1, tasksLed: 1, overdue: 1 }], 'its row in the quarterly notice')
  t.equal((await supervisor.get('/api/supervision/units/99999')).status, 404)

  for (const [url, sheet, text] of [
    ['/api/supervision/escalations/export?open=true', '督办', 'L2 督办'],
    ['/api/supervision/notices/export?status=open', '督办单', '督办〔2026〕第1号'],
    [`/api/supervision/units/${ctx.unitA}/export`, '考核得分', '2026-Q2'],
  ] as const) {
    const res = await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ctx.actors.leader.token}` } })
    t.equal(res.statusCode, 200, url)
    t.equal(res.headers['content-type'], XLSX)
    const file = path.join(ctx.dir, 'x.xlsx')
    fs.writeFileSync(file, res.rawPayload)
    const workbook = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' })
    t.match(workbook, `name="${sheet}"`, `${url}: sheet ${sheet}`)
    const cells = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }) + execFileSync('unzip', ['-p', file, 'xl/worksheets/*.xml'], { encoding: 'utf8' })
    t.ok(cells.includes(text), `${url}: has ${text}`)
  }

  for (const actor of ['unitA', 'unitB'] as const) {
    const unitUser = as(ctx.app, ctx.actors[actor])
    t.equal((await unitUser.get('/api/supervision/escalations')).status, 403, 'units have no desk')
    t.equal((await unitUser.get(`/api/supervision/units/${ctx.unitA}`)).status, 403)
    t.equal((await unitUser.get('/api/supervision/notices/export')).status, 403)
  }
})
