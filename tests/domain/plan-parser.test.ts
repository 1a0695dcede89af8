import t from 'tap'
import { parsePlanText, type ParsedTarget } from '../../src/domain/plan-parser/index.js'
import { expectedPlan, planText, type ExpectedTarget } from '../fixtures/plans/load.js'

// The fixtures write a target without a number as `value: null, measure: null`; the parse leaves them out.
const target = (g: ParsedTarget | ExpectedTarget) => ({
  year: g.year,
  value: g.value ?? null,
  measure: g.measure ?? null,
  description: g.description,
})

for (const name of ['beipiao-2021-plan', 'anfu-2021-plan']) {
  t.test(`${name} parses to the hand-checked fixture`, async (t) => {
    const plan = parsePlanText(planText(name))
    const expected = expectedPlan(name)

    t.strictSame(
      { title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer, issuedOn: plan.issuedOn, startYear: plan.startYear, endYear: plan.endYear },
      { title: expected.title, docNumber: expected.docNumber, issuer: expected.issuer, issuedOn: expected.issuedOn, startYear: expected.startYear, endYear: expected.endYear },
      'header',
    )
    t.strictSame(plan.sections, expected.sections, 'sections')
    t.strictSame(plan.tasks.map((task) => task.number), expected.tasks.map((task) => task.number), 'task numbers')
    t.strictSame(plan.warnings, [], 'no warnings')

    expected.tasks.forEach((want, i) => {
      const got = plan.tasks[i]
      t.test(`task ${want.number}`, async (t) => {
        t.ok(got, 'is found')
        if (!got) return
        t.strictSame({ ...got, targets: got.targets.map(target) }, { ...want, targets: want.targets.map(target) })
        for (const g of got.targets) {
          t.notOk('value' in g && g.value === undefined, 'a target without a number has no value key')
        }
      })
    })
  })
}

t.test('zhongwei checkup plan: numbering restarts in each section and 由…牵头 names the lead', async (t) => {
  const plan = parsePlanText(planText('zhongwei-2024-checkup'))
  t.equal(plan.title, '2024年中卫市城市体检工作方案')
  t.equal(plan.docNumber, '卫政办发〔2024〕31号')
  t.equal(plan.issuer, '中卫市人民政府办公室')
  t.equal(plan.issuedOn, '2024-07-24')
  t.equal(plan.startYear, 2024)
  t.equal(plan.endYear, 2024)
  t.strictSame(plan.sections.map((s) => s.number), ['一', '二', '三', '四'])
  t.strictSame(plan.tasks.map((task) => task.number), ['2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '3.2', '3.3', '4.1', '4.2'])
  const byNumber = new Map(plan.tasks.map((task) => [task.number, task]))
  t.strictSame(byNumber.get('2.1')?.leadUnits, ['沙坡头区人民政府'])
  t.equal(byNumber.get('2.1')?.leadInferred, false)
  t.equal(byNumber.get('2.1')?.title, '住房维度')
  t.strictSame(byNumber.get('2.3')?.leadUnits, ['市住房和城乡建设局'])
  t.strictSame(byNumber.get('2.3')?.cooperatingUnits, ['沙坡头区人民政府', '市相关部门(单位)'])
  t.strictSame(byNumber.get('3.3')?.leadUnits, ['市住房和城乡建设局'])
  t.strictSame(byNumber.get('3.3')?.responsibleUnits, ['第三方技术服务单位'])
  t.ok(plan.warnings.some((w) => w.includes('3.1') && w.includes('未找到责任单位')), 'a task without units is reported')
  t.ok(plan.warnings.some((w) => w.includes('完善体检指标体系')), 'a section without numbered tasks is reported')
})
