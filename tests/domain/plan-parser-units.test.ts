import t from 'tap'
import { parsePlanText, type ParsedTask } from '../../src/domain/plan-parser/index.js'

/** The only task of a small plan around the given task paragraph(s). */
function onlyTask(taskText: string): ParsedTask {
  const plan = parsePlanText(`测试市城市更新行动计划\n一、指导思想\n坚持以人民为中心。\n二、重点任务\n${taskText}\n三、保障措施\n(一)加强组织领导。由市住建局牵头负责日常工作。\n`)
  if (plan.tasks.length !== 1) throw new Error(`expected one task, found ${plan.tasks.length}`)
  return plan.tasks[0]!
}

const roles = (task: ParsedTask) => ({
  lead: task.leadUnits,
  responsible: task.responsibleUnits,
  cooperating: task.cooperatingUnits,
  inferred: task.leadInferred,
})

t.test('责任单位 on its own line after the task', async (t) => {
  const task = onlyTask('1.整治街道环境。加大保洁力度。\n责任单位:市住建局,各街道')
  t.strictSame(roles(task), { lead: ['市住建局'], responsible: ['各街道'], cooperating: [], inferred: true })
  t.equal(task.description, '加大保洁力度。', 'the unit line is not part of the description')
})

t.test('(责任单位:…) closing the paragraph, half-width and full-width', async (t) => {
  for (const clause of ['(责任单位:县住建局、县财政局)', '(责任单位:县住建局、县财政局)']) {
    const task = onlyTask(`1.推进改造。加快项目立项。${clause}`)
    t.strictSame(roles(task), { lead: ['县住建局'], responsible: ['县财政局'], cooperating: [], inferred: true }, clause)
    t.equal(task.description, '加快项目立项。', clause)
  }
})

t.test('(牵头单位:…,责任单位:…) inline: the named lead is not inferred and not repeated', async (t) => {
  const task = onlyTask('1.整治市容。规范广告设置。(牵头单位:市城管局,责任单位:市公安局、市交通局、市城管局)')
  t.strictSame(roles(task), { lead: ['市城管局'], responsible: ['市公安局', '市交通局'], cooperating: [], inferred: false })
})

t.test('separate 牵头单位 and 配合单位 lines, with brackets inside a unit name', async (t) => {
  const task = onlyTask('1.治理河道。开展清淤。\n牵头单位:市水利局、市住建局。\n配合单位:市财政局,各县(市、区)政府。')
  t.strictSame(roles(task), { lead: ['市水利局', '市住建局'], responsible: [], cooperating: ['市财政局', '各县(市、区)政府'], inferred: false })
  t.equal(task.description, '开展清淤。')
})

t.test('由…牵头制定 inside the text names the lead and stays in the description', async (t) => {
  const task = onlyTask('1.编制专项规划。由市规划局牵头制定全市城市更新专项规划。')
  t.strictSame(roles(task), { lead: ['市规划局'], responsible: [], cooperating: [], inferred: false })
  t.equal(task.description, '由市规划局牵头制定全市城市更新专项规划。')
})

t.test('由…牵头,责任单位:… as a closing sentence', async (t) => {
  const task = onlyTask('1.推进海绵城市建设。完善排水设施。由市规划局牵头,责任单位:市住建局、市水务局。')
  t.strictSame(roles(task), { lead: ['市规划局'], responsible: ['市住建局', '市水务局'], cooperating: [], inferred: false })
  t.equal(task.description, '完善排水设施。')
})

t.test('(…按职责分工负责): responsible units, the first inferred as lead', async (t) => {
  const task = onlyTask('1.整治学校周边环境。加强巡查。(市教育局、市卫健委按职责分工负责)')
  t.strictSame(roles(task), { lead: ['市教育局'], responsible: ['市卫健委'], cooperating: [], inferred: true })
})

t.test('a trailing 牵头 after the lead unit, 配合 after the others', async (t) => {
  const inBrackets = onlyTask('1.实施绿化工程。新增城市绿地。(市住建局牵头,市财政局配合)')
  t.strictSame(roles(inBrackets), { lead: ['市住建局'], responsible: [], cooperating: ['市财政局'], inferred: false })
  const asSentence = onlyTask('1.实施绿化工程。新增城市绿地。市住建局牵头,市财政局、市自然资源局配合。')
  t.strictSame(roles(asSentence), { lead: ['市住建局'], responsible: [], cooperating: ['市财政局', '市自然资源局'], inferred: false })
  t.equal(asSentence.description, '新增城市绿地。')
})

t.test('a 牵头 in the middle of the description is not a unit clause', async (t) => {
  const task = onlyTask('1.整治小区环境。各社区牵头,在小区内集中设置便民宣传牌。\n责任单位:市住建局')
  t.strictSame(roles(task), { lead: ['市住建局'], responsible: [], cooperating: [], inferred: true })
  t.match(task.description, /各社区牵头/)
})

t.test('市住建局(牵头) marks the lead inside a 责任单位 list', async (t) => {
  const task = onlyTask('1.推进老旧小区改造。加快进度。(责任单位:市住建局(牵头)、市财政局、各区政府)')
  t.strictSame(roles(task), { lead: ['市住建局'], responsible: ['市财政局', '各区政府'], cooperating: [], inferred: false })
})

t.test('X等部门 and 及 between two units', async (t) => {
  const task = onlyTask('1.推进街区更新。由市住房和城乡建设局等部门分工牵头负责,沙坡头区人民政府及市相关部门(单位)配合,查找问题。')
  t.strictSame(roles(task), { lead: ['市住房和城乡建设局'], responsible: [], cooperating: ['沙坡头区人民政府', '市相关部门(单位)'], inferred: false })
})

t.test('和 inside a unit name does not split it', async (t) => {
  const task = onlyTask('1.推进城市体检。开展数据采集。(责任单位:市住房和城乡建设局、市人力资源和社会保障局)')
  t.strictSame(task.leadUnits, ['市住房和城乡建设局'])
  t.strictSame(task.responsibleUnits, ['市人力资源和社会保障局'])
})

t.test('a group as the only unit', async (t) => {
  const task = onlyTask('1.打造示范县。增强承载能力。(责任单位:安福县城市高质量发展建设工作领导小组成员单位)')
  t.strictSame(task.leadUnits, ['安福县城市高质量发展建设工作领导小组成员单位'])
})

t.test('traditional characters: labels are recognised, names kept as written', async (t) => {
  const bracketed = onlyTask('1.推進老舊小區改造。加快進度。(牽頭單位:縣住建局;責任單位:縣財政局、各鄉(鎮)人民政府)')
  t.strictSame(roles(bracketed), { lead: ['縣住建局'], responsible: ['縣財政局', '各鄉(鎮)人民政府'], cooperating: [], inferred: false })
  const line = onlyTask('1.完善配套設施。加快補齊短板。\n責任單位:縣民政局,各街道辦事處')
  t.strictSame(roles(line), { lead: ['縣民政局'], responsible: ['各街道辦事處'], cooperating: [], inferred: true })
  const hosts = onlyTask('1.整治市容環境。規範管理。(主辦單位:縣城管局;協辦單位:縣公安局、縣交通運輸局)')
  t.strictSame(roles(hosts), { lead: ['縣城管局'], responsible: [], cooperating: ['縣公安局', '縣交通運輸局'], inferred: false })
  const verbs = onlyTask('1.推進河道治理。完成清淤。縣水利局牽頭,縣財政局配合。')
  t.strictSame(roles(verbs), { lead: ['縣水利局'], responsible: [], cooperating: ['縣財政局'], inferred: false })
})

t.test('a label list broken across lines inside a unit name is joined', async (t) => {
  const task = onlyTask('1.整治街道环境。加大保洁力度。\n责任单位:市城乡管理局,各\n街道')
  t.strictSame(roles(task), { lead: ['市城乡管理局'], responsible: ['各街道'], cooperating: [], inferred: true })
})

t.test('a task without units is kept and reported', async (t) => {
  const plan = parsePlanText('测试市城市更新行动计划\n二、重点任务\n1.整治街道环境。加大保洁力度。(责任单位:市城管局)\n2.整治工地环境。落实围挡。\n')
  t.equal(plan.tasks.length, 2)
  t.strictSame(plan.tasks[1]!.leadUnits, [])
  t.ok(plan.warnings.some((w) => w.includes('任务 2') && w.includes('未找到责任单位')), plan.warnings.join(' / '))
})

t.test('units on a section heading are inherited by its tasks', async (t) => {
  const plan = parsePlanText('测试市城市更新实施方案\n二、重点任务\n(一)城市洁净行动\n责任单位:市城管局\n1.整治街道环境。加大保洁力度。\n2.整治工地环境。落实围挡。\n(二)市容管理行动\n3.规范广告设置。统一标准。(责任单位:市住建局)\n')
  t.strictSame(plan.tasks.map((task) => task.number), ['1', '2', '3'])
  t.strictSame(plan.tasks.map((task) => task.leadUnits), [['市城管局'], ['市城管局'], ['市住建局']])
  t.ok(plan.warnings.some((w) => w.includes('沿用')))
})
