import t from 'tap'
import { parsePlanText } from '../../src/domain/plan-parser/index.js'

const numbersAndLeads = (text: string) => parsePlanText(text).tasks.map((task) => [task.number, task.section, task.leadUnits.join('、')])

t.test('sub-items with a unit line after the last one: the items above them are the tasks', async (t) => {
  const text = [
    '测试市城市更新实施方案',
    '二、重点任务',
    '(一)推进老旧小区改造。',
    '1.改造水电气管网。',
    '2.改造屋面外墙。',
    '责任单位:市住建局',
    '(二)完善服务设施。',
    '1.增设养老设施。',
    '2.增设托育设施。',
    '3.增设停车设施。',
    '责任单位:市民政局、市卫健委',
  ].join('\n')
  t.strictSame(numbersAndLeads(text), [['1', null, '市住建局'], ['2', null, '市民政局']])
  t.equal(parsePlanText(text).tasks[0]!.description, '改造水电气管网。\n改造屋面外墙。')
})

t.test('units named under each section heading, numbered items without units: the items are the tasks', async (t) => {
  const text = [
    '测试市城市更新实施方案',
    '二、重点任务',
    '(一)城市洁净行动',
    '牵头单位:市城管局',
    '1.整治街道环境。加大保洁力度。',
    '2.整治工地环境。落实围挡。',
    '(二)城市畅通行动',
    '牵头单位:市交通局',
    '3.建设道路。完善路网。',
    '4.建设停车场。增加车位。',
  ].join('\n')
  t.strictSame(numbersAndLeads(text), [['1', '一', '市城管局'], ['2', '一', '市城管局'], ['3', '二', '市交通局'], ['4', '二', '市交通局']])
})

t.test('action chapters without a 重点任务 wrapper act as sections', async (t) => {
  const text = [
    '戊市城市更新行动计划',
    '一、指导思想',
    '坚持以人民为中心。',
    '二、城市洁净行动',
    '1.整治街道环境。加大保洁力度。(责任单位:市城管局)',
    '2.整治工地环境。落实围挡。(责任单位:市住建局)',
    '三、市容管理行动',
    '3.规范广告设置。统一标准。(责任单位:市城管局)',
    '四、保障措施',
    '1.加强领导。由市住建局牵头负责。',
  ].join('\n')
  const plan = parsePlanText(text)
  t.strictSame(plan.sections, [{ number: '二', title: '城市洁净行动' }, { number: '三', title: '市容管理行动' }])
  t.strictSame(plan.tasks.map((task) => [task.number, task.section]), [['1', '二'], ['2', '二'], ['3', '三']])
})

t.test('tasks numbered (1) under sections', async (t) => {
  const text = '测试市方案\n二、主要任务\n(一)洁净行动\n(1)整治街道。(责任单位:市城管局)\n(2)整治工地。(责任单位:市住建局)\n(二)畅通行动\n(1)建设道路。(责任单位:市交通局)\n'
  t.strictSame(numbersAndLeads(text), [['1.1', '一', '市城管局'], ['1.2', '一', '市住建局'], ['2.1', '二', '市交通局']])
})

t.test('a 重点任务 chapter whose items name no units still lists them, with warnings', async (t) => {
  const plan = parsePlanText('测试市城市更新工作方案\n一、指导思想\n坚持以人民为中心。\n二、重点任务\n1.整治街道环境。加大保洁力度。\n2.整治工地环境。落实围挡。\n三、保障措施\n1.加强领导。\n')
  t.strictSame(plan.tasks.map((task) => [task.number, task.title]), [['1', '整治街道环境'], ['2', '整治工地环境']])
  t.equal(plan.warnings.filter((w) => w.includes('未找到责任单位')).length, 2)
})

t.test('a label after text on the same line, and a label list that runs into prose', async (t) => {
  const plan = parsePlanText('测试市方案\n二、重点任务\n1.整治街道环境。加大保洁力度 责任单位:市城管局、各街道\n2.整治工地环境。落实围挡。责任单位:市住建局,全年持续推进。\n')
  const [first, second] = plan.tasks
  t.strictSame([first!.leadUnits, first!.responsibleUnits, first!.description], [['市城管局'], ['各街道'], '加大保洁力度'])
  t.strictSame(second!.leadUnits, ['市住建局'])
})

t.test('an inline 由…牵头 naming a unit the clause does not list is reported', async (t) => {
  const plan = parsePlanText('测试市方案\n二、重点任务\n1.编制专项规划。由市规划局牵头制定全市专项规划。(责任单位:市住建局、市财政局)\n')
  t.strictSame(plan.tasks[0]!.leadUnits, ['市住建局'])
  t.ok(plan.warnings.some((w) => w.includes('市规划局')), plan.warnings.join(' / '))
})

t.test('a task with only cooperating units is reported', async (t) => {
  const plan = parsePlanText('测试市方案\n二、重点任务\n1.编制专项规划。加快编制。(配合单位:市财政局)\n')
  t.strictSame([plan.tasks[0]!.leadUnits, plan.tasks[0]!.cooperatingUnits], [[], ['市财政局']])
  t.ok(plan.warnings.some((w) => w.includes('只找到配合单位')))
})

t.test('single-character markers ㈠ and ⒈', async (t) => {
  const text = '测试市方案\n二、重点任务\n㈠洁净行动\n⒈整治街道。(责任单位:市城管局)\n⒉整治工地。(责任单位:市住建局)\n㈡畅通行动\n⒊建设道路。(责任单位:市交通局)\n'
  t.strictSame(numbersAndLeads(text), [['1', '一', '市城管局'], ['2', '一', '市住建局'], ['3', '二', '市交通局']])
})
