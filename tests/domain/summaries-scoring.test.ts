import t from 'tap'
import { rankUnits, unitScore, type UnitFigures } from '../../src/domain/summaries/scoring.js'
import { criticismList, PRAISE_LIMIT, praiseList } from '../../src/domain/summaries/verdicts.js'

const figures = (unitId: number, f: Partial<UnitFigures> = {}): UnitFigures => ({
  unitId, unit: `单位${unitId}`, tasksLed: 1, closedOnTime: 0, closedLate: 0, overdue: 0,
  reportsDue: 0, reportsOnTime: 0, reportsLate: 0, reportsMissing: 0, escalationsL2: 0, escalationsL3: 0, ...f,
})

t.test('the score: 40 punctuality + 40 reporting + 20 closing, less 2 per L2 and 5 per L3', async (t) => {
  t.equal(unitScore(figures(1)), 100, 'nothing due, nothing wrong: full marks')
  t.equal(unitScore(figures(1, { tasksLed: 4, overdue: 1 })), 90, 'a quarter of the tasks overdue costs 10')
  t.equal(unitScore(figures(1, { reportsDue: 4, reportsOnTime: 2, reportsLate: 1, reportsMissing: 1 })), 85, 'late reports count half')
  t.equal(unitScore(figures(1, { closedOnTime: 1, closedLate: 3 })), 85, 'three of four closed late costs 15')
  t.equal(unitScore(figures(1, { escalationsL2: 2, escalationsL3: 1 })), 91)
  t.equal(unitScore(figures(1, { tasksLed: 3, overdue: 1 })), 86.7, 'one decimal')
  t.equal(unitScore(figures(1, { tasksLed: 1, overdue: 1, reportsDue: 3, reportsMissing: 3, escalationsL3: 6 })), 0, 'never below 0')
})

t.test('ranking: highest score first, equal scores share a rank, ties ordered by overdue, missing reports, id', async (t) => {
  const ranked = rankUnits([
    figures(5, { tasksLed: 4, overdue: 1 }), // 90
    figures(3, { escalationsL2: 5 }), // 90
    figures(4), // 100
    figures(1, { reportsDue: 1, reportsMissing: 1 }), // 60
    figures(2, { tasksLed: 2, overdue: 1, escalationsL2: 0, closedOnTime: 1 }), // 80
  ])
  t.same(ranked.map((u) => [u.rank, u.unitId, u.score]), [[1, 4, 100], [2, 3, 90], [2, 5, 90], [4, 2, 80], [5, 1, 60]])
})

t.test('praise: clean units that did something, best first, at most the limit, with reasons', async (t) => {
  const ranked = rankUnits([
    figures(1, { closedOnTime: 2, reportsDue: 6, reportsOnTime: 6 }),
    figures(2, { reportsDue: 3, reportsOnTime: 3 }),
    figures(3), // nothing to praise
    figures(4, { closedOnTime: 1, reportsDue: 3, reportsOnTime: 2, reportsLate: 1 }), // a late report
    figures(5, { closedOnTime: 1, escalationsL2: 1 }),
  ])
  t.same(praiseList(ranked), [
    { unitId: 1, unit: '单位1', reasons: ['按期办结任务2项', '按时报送进展6次', '无逾期任务'] },
    { unitId: 2, unit: '单位2', reasons: ['按时报送进展3次', '无逾期任务'] },
  ])
  const many = rankUnits(Array.from({ length: PRAISE_LIMIT + 3 }, (_, i) => figures(i + 1, { reportsDue: 1, reportsOnTime: 1 })))
  t.same(praiseList(many).map((u) => u.unitId), Array.from({ length: PRAISE_LIMIT }, (_, i) => i + 1))
})

t.test('criticism: an L3 or L2 escalation, or two missed reports; lowest score first', async (t) => {
  const ranked = rankUnits([
    figures(1, { reportsDue: 3, reportsOnTime: 2, reportsMissing: 1 }), // one missed report: not criticised
    figures(2, { reportsDue: 3, reportsOnTime: 1, reportsMissing: 2 }),
    figures(3, { tasksLed: 2, overdue: 1, escalationsL2: 1, escalationsL3: 1 }),
    figures(4, { escalationsL2: 1 }),
  ])
  t.same(criticismList(ranked), [
    { unitId: 3, unit: '单位3', reasons: ['1项任务逾期被提级至领导督办', '1项任务被督查室督办', '1项任务逾期未办结'] }, // 73
    { unitId: 2, unit: '单位2', reasons: ['未报送月度进展2次'] }, // 73.3
    { unitId: 4, unit: '单位4', reasons: ['1项任务被督查室督办'] },
  ])
})
