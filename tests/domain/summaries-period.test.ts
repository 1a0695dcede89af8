import t from 'tap'
import { parsePeriod, summaryAsOf } from '../../src/domain/summaries/period.js'
import { compareTaskNumbers } from '../../src/domain/summaries/task-order.js'
import { issuingOffice } from '../../src/domain/summaries/header.js'

t.test('periods per kind: range, months and Chinese name', async (t) => {
  t.same(parsePeriod('monthly', '2026-06'), { kind: 'monthly', label: '2026-06', year: 2026, from: '2026-06-01', to: '2026-06-30', months: ['2026-06'], name: '2026年6月' })
  t.same(parsePeriod('monthly', '2028-02')?.to, '2028-02-29', 'leap February')
  t.same(parsePeriod('quarterly', '2026-Q2'), {
    kind: 'quarterly', label: '2026-Q2', year: 2026, from: '2026-04-01', to: '2026-06-30', months: ['2026-04', '2026-05', '2026-06'], name: '2026年第二季度',
  })
  t.same(parsePeriod('quarterly', '2026-Q4')?.to, '2026-12-31')
  const year = parsePeriod('annual', '2026')!
  t.same([year.from, year.to, year.months.length, year.name], ['2026-01-01', '2026-12-31', 12, '2026年'])
})

t.test('a period written for another kind, or not at all, is refused', async (t) => {
  for (const [kind, label] of [['monthly', '2026-Q2'], ['monthly', '2026-13'], ['monthly', '2026-6'], ['quarterly', '2026-Q5'], ['quarterly', '2026-06'], ['annual', '2026-01'], ['annual', '26']] as const) {
    t.equal(parsePeriod(kind, label), null, `${kind} ${label}`)
  }
})

t.test('a summary speaks for the period end, or for today while the period runs', async (t) => {
  const june = parsePeriod('monthly', '2026-06')!
  t.equal(summaryAsOf(june, '2026-07-01'), '2026-06-30')
  t.equal(summaryAsOf(june, '2026-06-10'), '2026-06-10')
  t.equal(summaryAsOf(june, '2026-06-30'), '2026-06-30')
})

t.test('task numbers sort as the document numbers them', async (t) => {
  const numbers = ['10', '3.10', '2', '3.2', '1', '3', 'A', '3.1']
  t.same([...numbers].sort(compareTaskNumbers), ['1', '2', '3', '3.1', '3.2', '3.10', '10', 'A'])
})

t.test('the issuing office is named after the place in the plan issuer', async (t) => {
  t.equal(issuingOffice('北票市人民政府办公室'), '北票市城市更新工作领导小组办公室')
  t.equal(issuingOffice('安福县人民政府'), '安福县城市更新工作领导小组办公室')
  t.equal(issuingOffice(null), '城市更新工作领导小组办公室')
  t.equal(issuingOffice('人民政府办公厅'), '城市更新工作领导小组办公室')
})
