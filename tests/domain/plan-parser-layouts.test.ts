import t from 'tap'
import { parsePlanText, type ParsedTask } from '../../src/domain/plan-parser/index.js'

const plan = (...lines: string[]) => parsePlanText(lines.join('\n'))

const summary = (task: ParsedTask) => [task.number, task.section, task.title, task.leadUnits, task.responsibleUnits, task.cooperatingUnits]

t.test('tasks numbered 1.1, 1.2 under each section, as the document writes them', async (t) => {
  const parsed = plan(
    '测试市城市更新实施方案',
    '二、重点任务',
    '(一)城市洁净行动',
    '1.1 整治街道环境。加大保洁力度。(责任单位:市城管局)',
    '1.2整治工地环境。落实围挡。(责任单位:市住建局)',
    '(二)城市畅通行动',
    '2.1、建设道路。完善路网,新建道路2.5公里。(责任单位:市交通局)',
  )
  t.strictSame(parsed.tasks.map(summary), [
    ['1.1', '一', '整治街道环境', ['市城管局'], [], []],
    ['1.2', '一', '整治工地环境', ['市住建局'], [], []],
    ['2.1', '二', '建设道路', ['市交通局'], [], []],
  ])
  t.strictSame(parsed.warnings, [])
})

t.test('three-level dotted numbering: 3.1 sections, 3.1.1 tasks', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '一、总体要求',
    '到2025年,基本完成改造。',
    '三、主要任务',
    '3.1 老旧小区改造',
    '3.1.1 改造水电气管网。2023年改造20个小区。(牵头单位:市住建局)',
    '3.1.2 加装电梯。(牵头单位:市住建局;配合单位:市市场监管局)',
    '3.2 公共空间提升',
    '3.2.1 建设口袋公园。(牵头单位:市城管局)',
  )
  t.strictSame(parsed.sections, [{ number: '3.1', title: '老旧小区改造' }, { number: '3.2', title: '公共空间提升' }])
  t.strictSame(parsed.tasks.map((task) => [task.number, task.section]), [['3.1.1', '3.1'], ['3.1.2', '3.1'], ['3.2.1', '3.2']])
  t.strictSame(parsed.tasks[1]!.cooperatingUnits, ['市市场监管局'])
  t.strictSame(parsed.tasks[0]!.targets.map((g) => [g.year, g.value, g.measure]), [[2023, 20, '个']])
})

t.test('a line opening with a decimal quantity is not a dotted item', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '1.改造老旧小区。全市共有老旧小区',
    '2.5万户需要改造。(责任单位:市住建局)',
  )
  t.strictSame(parsed.tasks.map((task) => task.number), ['1'])
  t.equal(parsed.tasks[0]!.description, '全市共有老旧小区2.5万户需要改造。')
})

t.test('一、 → 1. → (1): tasks at (1) numbered within their section', async (t) => {
  const parsed = plan(
    '测试市老旧小区改造实施方案',
    '一、重点任务',
    '1.基础类改造',
    '(1)改造供水管网。(责任单位:市水务局)',
    '(2)改造供电设施。(责任单位:市供电公司)',
    '2.完善类改造',
    '(1)增设停车位。(责任单位:市公安局)',
    '二、保障措施',
    '1.加强领导。由市住建局牵头负责。',
  )
  t.strictSame(parsed.tasks.map((task) => [task.number, task.section]), [['1.1', '1'], ['1.2', '1'], ['2.1', '2']])
})

t.test('labels spaced out or with a space before the colon', async (t) => {
  for (const label of ['责 任 单 位:', '责任单位 :', '責 任 單 位:', '责　任　单　位:']) {
    const parsed = plan('测试市城市更新行动计划', '二、重点任务', '1.整治街道环境。加大保洁力度。', `${label}市城管局、各街道`)
    const task = parsed.tasks[0]!
    t.strictSame([task.leadUnits, task.responsibleUnits, task.description], [['市城管局'], ['各街道'], '加大保洁力度。'], label)
  }
  const spacedLead = plan('测试市城市更新行动计划', '二、重点任务', '1.整治街道环境。加大保洁力度。(牵 头 单 位:市城管局;配 合 单 位:各街道)')
  t.strictSame([spacedLead.tasks[0]!.leadUnits, spacedLead.tasks[0]!.cooperatingUnits, spacedLead.tasks[0]!.leadInferred], [['市城管局'], ['各街道'], false])
})

t.test('label variants: 牵头部门, 责任部门, 配合部门, 责任主体, 主责单位, 协同单位, 参与单位', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '1.整治街道。加大保洁。',
    '牵头部门:市城管局',
    '配合部门:市公安局',
    '2.整治工地。落实围挡。',
    '责任部门:市住建局、市生态环境局',
    '3.改造小区。加快进度。',
    '责任主体:各区人民政府',
    '4.建设公园。增加绿地。',
    '主责单位:市园林局',
    '协同单位:市财政局',
    '5.更新管网。完成排查。',
    '主责单位:市水务局',
    '参与单位:市燃气公司',
  )
  t.strictSame(parsed.tasks.map((task) => [task.leadUnits, task.responsibleUnits, task.cooperatingUnits, task.leadInferred]), [
    [['市城管局'], [], ['市公安局'], false],
    [['市住建局'], ['市生态环境局'], [], true],
    [['各区人民政府'], [], [], true],
    [['市园林局'], [], ['市财政局'], false],
    [['市水务局'], [], ['市燃气公司'], false],
  ])
  t.equal(parsed.tasks[3]!.description, '增加绿地。')
})

t.test('units separated by / or by spaces', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '1.整治街道。加大保洁。(责任单位:市城管局/市公安局/各街道)',
    '2.整治工地。落实围挡。',
    '责任单位:市住建局 市生态环境局  各区人民政府',
    '3.建设公园。增加绿地。(牵头单位:市园林局/市住建局 配合单位:市财政局)',
  )
  t.strictSame(parsed.tasks.map((task) => [task.leadUnits, task.responsibleUnits, task.cooperatingUnits]), [
    [['市城管局'], ['市公安局', '各街道'], []],
    [['市住建局'], ['市生态环境局', '各区人民政府'], []],
    [['市园林局', '市住建局'], [], ['市财政局']],
  ])
})

t.test('一是…二是… inside a task stays in its description', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '(一)推进老旧小区改造。一是完善基础设施,改造管网;二是提升服务功能。',
    '(责任单位:市住建局)',
    '(二)加强物业管理。',
    '一是成立业主委员会;',
    '二是引入专业物业企业;',
    '三是建立长效机制。',
    '责任单位:各街道办事处',
  )
  t.strictSame(parsed.tasks.map((task) => [task.number, task.title]), [['1', '推进老旧小区改造'], ['2', '加强物业管理']])
  t.equal(parsed.tasks[0]!.description, '一是完善基础设施,改造管网;二是提升服务功能。')
  t.equal(parsed.tasks[1]!.description, '一是成立业主委员会;\n二是引入专业物业企业;\n三是建立长效机制。')
  t.strictSame(parsed.tasks[1]!.leadUnits, ['各街道办事处'])
})

t.test('completion limits: 月底前, a full date, 长期坚持 and 持续推进', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '1.整治街道。加大保洁。(责任单位:市城管局;完成时限:2023年6月底前)',
    '2.整治工地。落实围挡。(责任单位:市住建局;完成时限:2022年12月31日前)',
    '3.建设公园。增加绿地。(责任单位:市园林局;完成时限:长期坚持)',
    '4.更新管网。完成排查。',
    '责任单位:市水务局',
    '完成时限:持续推进',
    '5.改造小区。2023年9月底前完成改造。(责任单位:市住建局)',
  )
  t.strictSame(parsed.tasks.map((task) => task.deadline), ['2023-06-30', '2022-12-31', null, null, '2023-09-30'])
  t.strictSame(parsed.tasks.map((task) => task.leadUnits[0]), ['市城管局', '市住建局', '市园林局', '市水务局', '市住建局'])
  t.equal(parsed.tasks[3]!.description, '完成排查。')
})

for (const chapter of ['重点任务', '主要任务', '工作任务', '实施内容', '重点工作', '主要内容']) {
  t.test(`a task chapter titled ${chapter} whose items name no units`, async (t) => {
    const parsed = plan('测试市城市更新工作方案', '一、指导思想', '坚持以人民为中心。', `二、${chapter}`, '1.整治街道环境。加大保洁力度。', '2.整治工地环境。落实围挡。', '三、保障措施', '1.加强领导。')
    t.strictSame(parsed.tasks.map((task) => [task.number, task.title]), [['1', '整治街道环境'], ['2', '整治工地环境']])
  })
}

t.test('第三章 重点任务 with 一、 sections and 1. tasks', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划(2023—2025年)',
    '第一章 总体要求',
    '一、指导思想',
    '坚持以人民为中心。',
    '第二章 发展目标',
    '到2025年,完成老旧小区改造100个。',
    '第三章 重点任务',
    '一、城市洁净行动',
    '1.整治街道环境。加大保洁力度。(责任单位:市城管局)',
    '2.整治工地环境。落实围挡。(责任单位:市住建局)',
    '二、城市畅通行动',
    '3.建设道路。完善路网。(责任单位:市交通局)',
    '第四章 保障措施',
    '一、加强组织领导',
    '由市住建局牵头负责。',
  )
  t.strictSame(parsed.sections, [{ number: '一', title: '城市洁净行动' }, { number: '二', title: '城市畅通行动' }])
  t.strictSame(parsed.tasks.map((task) => [task.number, task.section, task.leadUnits[0]]), [['1', '一', '市城管局'], ['2', '一', '市住建局'], ['3', '二', '市交通局']])
})

t.test('a task table separated by tabs, with section rows', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '一、总体目标',
    '到2025年,完成改造。',
    '二、重点任务',
    '重点任务清单如下:',
    '序号\t任务\t牵头单位\t责任单位\t完成时限',
    '一、城市洁净行动',
    '1\t整治街道环境。加大保洁力度,2023年完成道路保洁20条。\t市城管局\t各街道、市公安局\t2023年6月底前',
    '2\t整治工地环境。落实围挡。\t市住建局\t\t2022年12月31日前',
    '二、城市畅通行动',
    '3\t建设停车场。\t市交通局/市公安局\t各区人民政府\t长期坚持',
    '三、保障措施',
    '(一)加强组织领导。',
  )
  t.strictSame(parsed.sections, [{ number: '一', title: '城市洁净行动' }, { number: '二', title: '城市畅通行动' }])
  t.strictSame(parsed.tasks.map(summary), [
    ['1', '一', '整治街道环境', ['市城管局'], ['各街道', '市公安局'], []],
    ['2', '一', '整治工地环境', ['市住建局'], [], []],
    ['3', '二', '建设停车场', ['市交通局', '市公安局'], ['各区人民政府'], []],
  ])
  t.strictSame(parsed.tasks.map((task) => task.deadline), ['2023-06-30', '2022-12-31', null])
  t.strictSame(parsed.tasks.map((task) => task.leadInferred), [false, false, false])
  t.equal(parsed.tasks[0]!.description, '加大保洁力度,2023年完成道路保洁20条。')
  t.strictSame(parsed.tasks[0]!.targets.map((g) => [g.year, g.value, g.measure]), [[2023, 20, '条']])
})

t.test('a task table in an attachment, columns separated by runs of spaces, traditional characters', async (t) => {
  const parsed = plan(
    '測試市城市更新實施方案',
    '一、重點任務',
    '全面推進城市更新,具體任務見附件。',
    '二、保障措施',
    '(一)加強領導。',
    '附件:重點任務分工表',
    '附件',
    '重點任務分工表',
    '序號    重點任務          具體內容                    責任單位              完成時間',
    '1       老舊小區改造      2023年改造老舊小區30個      市住建局、各區政府    2023年12月底前',
    '2       口袋公園建設      新建口袋公園10個            市城管局              持續推進',
  )
  t.strictSame(parsed.tasks.map(summary), [
    ['1', null, '老舊小區改造', ['市住建局'], ['各區政府'], []],
    ['2', null, '口袋公園建設', ['市城管局'], [], []],
  ])
  t.strictSame(parsed.tasks.map((task) => [task.description, task.deadline, task.leadInferred]), [
    ['2023年改造老舊小區30個', '2023-12-31', true],
    ['新建口袋公園10個', null, true],
  ])
  t.strictSame(parsed.tasks[0]!.targets.map((g) => [g.year, g.value, g.measure]), [[2023, 30, '個']])
})

t.test('a task table with a category column and a 配合单位 column', async (t) => {
  const parsed = plan(
    '测试市城市体检工作方案',
    '二、工作任务',
    '类别\t序号\t工作任务\t牵头部门\t配合部门\t时间节点',
    '住房\t1\t开展住房体检\t市住建局\t市自然资源局\t2024年8月底前',
    '\t2\t建立住房档案\t市住建局\t各区人民政府\t2024年10月底前',
    '小区\t3\t开展小区体检\t各区人民政府\t市住建局\t2024年9月30日前',
  )
  t.strictSame(parsed.sections, [{ number: '一', title: '住房' }, { number: '二', title: '小区' }])
  t.strictSame(parsed.tasks.map(summary), [
    ['1', '一', '开展住房体检', ['市住建局'], [], ['市自然资源局']],
    ['2', '一', '建立住房档案', ['市住建局'], [], ['各区人民政府']],
    ['3', '二', '开展小区体检', ['各区人民政府'], [], ['市住建局']],
  ])
  t.strictSame(parsed.tasks.map((task) => task.deadline), ['2024-08-31', '2024-10-31', '2024-09-30'])
})

t.test('a long spaced table row parses in linear time', async (t) => {
  const row = `1    ${'城市更新'.repeat(20000)}    市住建局    2023年底前`
  const start = performance.now()
  const parsed = plan('测试市城市更新行动计划', '二、重点任务', '序号    任务    责任单位    完成时限', row)
  t.equal(parsed.tasks.length, 1)
  t.ok(performance.now() - start < 2000)
})

t.test('a project list in an attachment does not replace the text tasks', async (t) => {
  const parsed = plan(
    '测试市城市更新实施方案',
    '二、重点任务',
    '1.推进老旧小区改造。加快进度。(责任单位:市住建局)',
    '2.建设口袋公园。增加绿地。(责任单位:市城管局)',
    '附件:城市更新项目清单',
    '附件',
    '序号  项目名称  建设内容  责任单位',
    '1  北区改造  改造小区3个  市住建局',
    '2  南区改造  改造小区2个  市住建局',
    '3  东湖公园  新建公园1个  市城管局',
  )
  t.strictSame(parsed.tasks.map((task) => [task.number, task.title]), [['1', '推进老旧小区改造'], ['2', '建设口袋公园']])
})

t.test('labels in lenticular brackets: 【责任单位】, 【牵頭單位】…【配合單位】', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '1.整治街道。加大保洁。',
    '【责任单位】市住建局、各街道',
    '2.整治工地。落實圍擋。【牽頭單位】市城管局【配合單位】市公安局',
  )
  t.strictSame(parsed.tasks.map((task) => [task.description, task.leadUnits, task.responsibleUnits, task.cooperatingUnits]), [
    ['加大保洁。', ['市住建局'], ['各街道'], []],
    ['落實圍擋。', ['市城管局'], [], ['市公安局']],
  ])
})

t.test('第三章 → 第一节 → 一、: tasks numbered within each 节', async (t) => {
  const parsed = plan(
    '测试市城市更新规划纲要',
    '第三章 重点任务',
    '第一节 城市洁净行动',
    '一、整治街道。加大保洁。(责任单位:市住建局)',
    '二、整治工地。(责任单位:市城管局)',
    '第二节 城市畅通行动',
    '一、建设道路。(责任单位:市交通局)',
    '第四章 保障措施',
    '一、加强领导。',
  )
  t.strictSame(parsed.sections, [{ number: '一', title: '城市洁净行动' }, { number: '二', title: '城市畅通行动' }])
  t.strictSame(parsed.tasks.map((task) => [task.number, task.section, task.description, task.leadUnits[0]]), [
    ['1.1', '一', '加大保洁。', '市住建局'],
    ['1.2', '一', '', '市城管局'],
    ['2.1', '二', '', '市交通局'],
  ])
})

t.test('a table cell wrapped onto a line of its own does not end the table', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '序号\t任务\t牵头单位\t完成时限',
    '1\t整治街道。加大保洁。\t市住建局\t2023年6月底前',
    '\t继续加大力度。',
    '2\t整治工地。\t市城管局\t长期坚持',
  )
  t.strictSame(parsed.tasks.map((task) => [task.number, task.description, task.leadUnits, task.deadline]), [
    ['1', '加大保洁。继续加大力度。', ['市住建局'], '2023-06-30'],
    ['2', '', ['市城管局'], null],
  ])
})

t.test('(按职责分工负责) after the last listed unit is not part of its name', async (t) => {
  const parsed = plan('测试市城市更新行动计划', '二、重点任务', '1.整治工地。落实围挡。责任单位:市城管局、市住建局(按职责分工负责)')
  t.strictSame([parsed.tasks[0]!.leadUnits, parsed.tasks[0]!.responsibleUnits], [['市城管局'], ['市住建局']])
})

t.test('1.1, 1.2 sub-items with a unit line after the last: the 1. items are the tasks', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '1.推进老旧小区改造。',
    '1.1 改造管网。',
    '1.2 改造屋面。',
    '责任单位:市住建局',
    '2.完善配套设施。',
    '2.1 增设养老设施。',
    '2.2 增设托育设施。',
    '责任单位:市民政局',
  )
  t.strictSame(parsed.tasks.map((task) => [task.number, task.description, task.leadUnits[0]]), [
    ['1', '改造管网。\n改造屋面。', '市住建局'],
    ['2', '增设养老设施。\n增设托育设施。', '市民政局'],
  ])
})

t.test('a table whose section rows carry a Chinese number in the 序号 column', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '序号\t任务\t牵头单位\t完成时限',
    '一\t城市洁净行动',
    '1\t整治街道。\t市住建局\t2023年6月底前',
    '2\t整治工地。\t市城管局\t2023年底前',
    '二\t城市畅通行动',
    '1\t建设道路。\t市交通局\t长期坚持',
    '三、保障措施',
  )
  t.strictSame(parsed.sections, [{ number: '一', title: '城市洁净行动' }, { number: '二', title: '城市畅通行动' }])
  t.strictSame(parsed.tasks.map((task) => [task.number, task.section, task.leadUnits[0], task.deadline]), [
    ['1.1', '一', '市住建局', '2023-06-30'],
    ['1.2', '一', '市城管局', '2023-12-31'],
    ['2.1', '二', '市交通局', null],
  ])
})

t.test('a table whose header and rows are separated by single spaces', async (t) => {
  const parsed = plan(
    '测试市城市更新行动计划',
    '二、重点任务',
    '序号 任务 牵头单位 责任单位 完成时限',
    '1 整治街道环境 市城管局 各街道 2023年6月底前',
    '2 整治工地环境 市住建局 市生态环境局 长期坚持',
    '三、保障措施',
  )
  t.strictSame(parsed.tasks.map(summary), [
    ['1', null, '整治街道环境', ['市城管局'], ['各街道'], []],
    ['2', null, '整治工地环境', ['市住建局'], ['市生态环境局'], []],
  ])
})
