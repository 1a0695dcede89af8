import t from 'tap'
import { closeNameReason, coreName, guessUnitKind, nameKey } from '../src/importing/unit-names.js'

t.test('names equal after folding script, width, brackets and spaces share one key', async (t) => {
  t.equal(nameKey('縣住建局'), nameKey('县住建局'), 'traditional and simplified')
  t.equal(nameKey('市自然资源局（市林业局）'), nameKey('市自然资源局(市林业局)'), 'full-width and half-width brackets')
  t.equal(nameKey('市 住建局'), nameKey('市住建局'), 'spaces')
  t.equal(nameKey('市發展和改革委員會'), nameKey('市发展和改革委员会'))
  t.not(nameKey('市城管局'), nameKey('市城乡管理局'), 'a different wording is a different name')
})

t.test('the core name reads long forms as their abbreviations and drops the office ending', async (t) => {
  t.equal(coreName('市城乡管理局'), '市城管')
  t.equal(coreName('市城管局'), '市城管')
  t.equal(coreName('市发展和改革委员会'), '市发改')
  t.equal(coreName('市发改委'), '市发改')
  t.equal(coreName('市发改局'), '市发改')
  t.equal(coreName('市住房和城乡建设局'), '市住建')
  t.equal(coreName('市場監督管理局'), '市场监管', 'traditional input folds first')
})

t.test('close names are suggested with a reason; unrelated and same names are not', async (t) => {
  const close: [string, string][] = [
    ['市城管局', '市城乡管理局'], ['市城乡管理局', '市城管局'], ['市发改委', '市发改局'], ['市发展和改革委员会', '市发改委'],
    ['市住建局', '市住房和城乡建设局'], ['市场监督管理局', '市市场监督管理局'], ['县文广新旅局', '县文广新旅委'],
  ]
  for (const [a, b] of close) t.type(closeNameReason(a, b), 'string', `${a} ~ ${b}`)
  const apart: [string, string][] = [
    ['县住建局', '市住建局'], ['市住建局', '市城建局'], ['市公安局', '市财政局'], ['各街道', '各乡镇'],
    ['市自然资源局', '市规划局'], ['市住建局', '市住建局'], ['縣住建局', '县住建局'],
  ]
  for (const [a, b] of apart) t.equal(closeNameReason(a, b), null, `${a} ≁ ${b}`)
})

t.test('a new unit’s kind is guessed from its name', async (t) => {
  t.equal(guessUnitKind('西城街道'), 'street')
  t.equal(guessUnitKind('西城街道办事处'), 'street')
  t.equal(guessUnitKind('平都镇'), 'township')
  t.equal(guessUnitKind('洋溪乡人民政府'), 'township')
  t.equal(guessUnitKind('县城控集团'), 'enterprise')
  t.equal(guessUnitKind('市供电公司'), 'enterprise')
  t.equal(guessUnitKind('各街道'), 'group', '各… names every unit of a kind')
  t.equal(guessUnitKind('安福县城市高质量发展建设工作领导小组成员单位'), 'group')
  t.equal(guessUnitKind('市住建局'), 'department')
  t.equal(guessUnitKind('县消防大队'), 'department')
})
