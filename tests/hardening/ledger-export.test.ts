import readXlsxFile from 'read-excel-file/node'
import t from 'tap'
import { OFF_THREAD_MIN_TASKS } from '../../src/importing/ledger-export.js'
import { createTestApp } from '../fixtures/harness.js'

t.test("a large plan's .xlsx 台账 is built in a worker thread while the server keeps answering", async (t) => {
  const ctx = await createTestApp(t)
  const { repos } = ctx.app
  const plan = repos.plans.create({ title: '大计划', startYear: 2026, endYear: 2028 }, ctx.actors.office.id)
  const count = OFF_THREAD_MIN_TASKS + 500
  ctx.db.transaction((tx) => {
    for (let i = 1; i <= count; i++) {
      repos.tasks.insertTask(tx, plan.id, {
        number: String(i), title: `任务${i}`, description: '说明\n第二行', deadline: '2026-12-31', leadUnitIds: [ctx.unitA], cooperatingUnitIds: [ctx.unitB],
        targets: [{ year: 2026, description: '改造老旧小区40个', value: 40, measure: '个' }],
      }, null)
    }
  })
  const auth = { authorization: `Bearer ${ctx.actors.office.token}` }
  let done = false
  const exporting = ctx.app.inject({ method: 'GET', url: `/api/plans/${plan.id}/ledger?format=xlsx`, headers: auth }).finally(() => { done = true })
  let answeredDuring = 0
  while (!done) {
    const health = await ctx.app.inject({ method: 'GET', url: '/healthz' })
    if (health.statusCode === 200 && !done) answeredDuring++
    await new Promise((r) => setTimeout(r, 5))
  }
  const res = await exporting
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /spreadsheetml/)
  t.ok(answeredDuring > 0, `/healthz answered ${answeredDuring} time(s) while the 台账 was being built`)
  const [sheet] = await readXlsxFile(res.rawPayload)
  t.equal(sheet!.data.length, count + 1, 'every task, under the header row')
  t.equal(sheet!.data[1]![0], '1')
  t.equal(sheet!.data[count]![0], String(count), 'in task-number order')

  const unit = await ctx.app.inject({ method: 'GET', url: `/api/plans/${plan.id}/ledger?format=xlsx`, headers: { authorization: `Bearer ${ctx.actors.unitB.token}` } })
  t.equal(unit.statusCode, 200, 'a unit user gets their tasks from the worker too')
  const csv = await ctx.app.inject({ method: 'GET', url: `/api/plans/${plan.id}/ledger?format=csv`, headers: auth })
  t.equal(csv.statusCode, 200)
  t.ok(csv.payload.includes(`任务${count}`), 'CSV is built here, with every task')
})
