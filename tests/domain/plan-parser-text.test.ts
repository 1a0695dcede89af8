import t from 'tap'
import { NotAPlanError, parsePlanText } from '../../src/domain/plan-parser/index.js'

const NOTICE = [
  '甲市人民政府办公室关于印发甲市城市更新行动实施方案的通知',
  '甲政办发〔2022〕12号',
  '各县(市、区)人民政府,市政府各部门:',
  '现将《甲市城市更新行动实施方案》印发给你们,请认真贯彻落实。',
  '甲市人民政府办公室',
  '2022年3月15日',
  '甲市城市更新行动实施方案',
  '为推进城市更新,根据《乙省城市更新行动方案(2021—2030年)》(乙政发〔2021〕7号),制定本方案。',
].join('\n')

const PLAN = `${NOTICE}
一、总体要求
(一)指导思想。以习近平新时代中国特色社会主义思想为指导。
(二)工作目标。到2025年,基本完成2000年底前建成的老旧小区改造任务。
1.坚持以人为本。把人民满意作为出发点。
2.坚持因地制宜。
二、重点任务
(一)实施老旧小区改造行动
1.推进老旧小区改造。2022年全市改造老旧小区40个,2023年改造45个,2024年改造50个。(牵头单位:市住建局,责任单位:市财政局、各县(市、区)政府)
2.完善配套设施。加快补齐养老、托育等设施短板,2022年11月30日前完成排查。
牵头单位:市水利局、市住建局。
配合单位:市财政局,各县(市、区)政府。
(二)实施城市生态修复行动
1.编制专项规划。由市规划局牵头制定全市城市更新专项规划,2023年6月底前完成编制。
2.推进海绵城市建设。到2025年,建成区40%以上面积达到海绵城市要求。由市规划局牵头,责任单位:市住建局、市水务局。
3.推进学校周边环境整治。(市教育局、市卫健委按职责分工负责)
4.实施城市绿化工程。“十四五”期间,新增城市绿地12万平方米。市住建局牵头,市财政局配合。
三、保障措施
(一)加强组织领导。成立领导小组,由市住建局牵头负责日常工作。
(二)强化资金保障。(责任单位:市财政局)
附件:甲市城市更新项目清单
附件
甲市城市更新项目清单
一、重点任务
1.不是任务。(责任单位:市住建局)
`

t.test('header: title, 文号, issuer, issue date and period', async (t) => {
  const plan = parsePlanText(PLAN)
  t.equal(plan.title, '甲市城市更新行动实施方案')
  t.equal(plan.docNumber, '甲政办发〔2022〕12号', 'the plan’s own 文号, not the one it cites')
  t.equal(plan.issuer, '甲市人民政府办公室')
  t.equal(plan.issuedOn, '2022-03-15')
  t.equal(plan.startYear, 2022)
  t.equal(plan.endYear, 2025)
})

t.test('header: a title range on the next line, a date in Chinese numerals', async (t) => {
  const plan = parsePlanText('北票市人民政府办公室关于印发北票市城市更新五年行动计划的通知\n北政办发〔2021〕60号\n北票市人民政府办公室\n二〇二一年十二月二十九日\n北票市城市更新五年行动计划\n  (2021年—2025年)\n一、重点任务\n1.整治街道环境。加大保洁力度。\n责任单位:市城乡管理局\n')
  t.equal(plan.title, '北票市城市更新五年行动计划(2021年—2025年)')
  t.equal(plan.issuedOn, '2021-12-29')
  t.equal(plan.startYear, 2021)
  t.equal(plan.endYear, 2025)
})

t.test('header: a title broken over two lines, and no 文号', async (t) => {
  const plan = parsePlanText('北票市人民政府办公室\n2021年12月29日\n北票市城市更新五年\n行动计划\n(2021年—2025年)\n一、重点任务\n1.整治街道环境。加大保洁力度。\n责任单位:市城乡管理局\n')
  t.equal(plan.title, '北票市城市更新五年行动计划(2021年—2025年)')
  t.equal(plan.docNumber, null)
  t.equal(plan.issuer, '北票市人民政府办公室')
})

t.test('only the task chapter holds tasks; numbering restarts per section', async (t) => {
  const plan = parsePlanText(PLAN)
  t.strictSame(plan.sections, [{ number: '一', title: '实施老旧小区改造行动' }, { number: '二', title: '实施城市生态修复行动' }])
  t.strictSame(plan.tasks.map((task) => task.number), ['1.1', '1.2', '2.1', '2.2', '2.3', '2.4'])
  t.strictSame(plan.tasks.map((task) => task.section), ['一', '一', '二', '二', '二', '二'])
  t.strictSame(plan.warnings, [])
})

t.test('numbering that runs through the plan, and a gap in it', async (t) => {
  const plan = parsePlanText('测试市城市更新行动计划\n二、重点任务\n(一)洁净行动\n1.整治街道。加大保洁。(责任单位:市城管局)\n2.整治工地。落实围挡。(责任单位:市住建局)\n(二)畅通行动\n3.建设道路。完善路网。(责任单位:市交通局)\n5.建设停车场。增加车位。(责任单位:市公安局)\n')
  t.strictSame(plan.tasks.map((task) => task.number), ['1', '2', '3', '5'])
  t.ok(plan.warnings.some((w) => w.includes('不连续') && w.includes('3') && w.includes('5')), plan.warnings.join(' / '))
})

t.test('yearly targets with values and measures', async (t) => {
  const [first] = parsePlanText(PLAN).tasks
  t.strictSame(first!.targets, [
    { year: 2022, description: '全市改造老旧小区', value: 40, measure: '个' },
    { year: 2023, description: '改造', value: 45, measure: '个' },
    { year: 2024, description: '改造', value: 50, measure: '个' },
  ])
})

t.test('到2025年, “十四五”期间, 在2021年内; baselines and cited years are not targets', async (t) => {
  const plan = parsePlanText(PLAN)
  const byNumber = new Map(plan.tasks.map((task) => [task.number, task]))
  t.strictSame(byNumber.get('2.2')!.targets, [{ year: 2025, description: '建成区面积达到海绵城市要求', value: 40, measure: '%' }])
  t.strictSame(byNumber.get('2.4')!.targets, [{ year: 2025, description: '新增城市绿地', value: 12, measure: '万平方米' }])
  const single = parsePlanText('测试市行动计划(2021—2025年)\n二、重点任务\n1.建设体育场。要在2021年内完成市体育场的翻新改造,2020年已完成设计。\n责任单位:市体育局\n2.改造小区。“十四五”期间,全面完成2000年以前建成的老旧小区改造。\n责任单位:市住建局\n')
  t.strictSame(single.tasks[0]!.targets, [{ year: 2021, description: '完成市体育场的翻新改造' }])
  t.notOk('value' in single.tasks[0]!.targets[0]!, 'no value key without a number')
  t.strictSame(single.tasks[1]!.targets, [{ year: 2025, description: '全面完成2000年以前建成的老旧小区改造' }])
  const ranges = parsePlanText('测试市行动计划(2021—2025年)\n二、重点任务\n1.改造小区。2021年—2025年,每年改造老旧小区10个。从2022年起,每年新增绿地5公顷。“十三五”期间建成公园3个。到2023年底,完成改造30个;2024年完成40个。\n责任单位:市住建局\n')
  t.strictSame(ranges.tasks[0]!.targets.map((g) => [g.year, g.value]), [[2023, 30], [2024, 40]], 'ranges, 从…起 and past periods are not targets')
})

t.test('deadlines: a full date, a month end, a 完成时限 field; years alone are not deadlines', async (t) => {
  const plan = parsePlanText(PLAN)
  const byNumber = new Map(plan.tasks.map((task) => [task.number, task]))
  t.equal(byNumber.get('1.1')!.deadline, null)
  t.equal(byNumber.get('1.2')!.deadline, '2021-11-30'.replace('2021', '2022'))
  t.equal(byNumber.get('2.1')!.deadline, '2023-06-30')
  t.equal(byNumber.get('2.2')!.deadline, null)
  const fields = parsePlanText('测试市方案\n二、重点任务\n1.治理违建。拆除违建。(牵头单位:市城管局;完成时限:2023年6月30日)\n2.规范摊点。划定范围。(责任单位:市市场监管局,2022年底前完成)\n3.编制方案。2021年10月31日前形成初稿,2021年11月20日前报送。(责任单位:市住建局)\n')
  t.strictSame(fields.tasks.map((task) => task.deadline), ['2023-06-30', '2022-12-31', '2021-11-20'])
  t.ok(fields.warnings.some((w) => w.includes('任务 3') && w.includes('多个完成日期')))
})

t.test('a sentence broken across lines and pages is joined', async (t) => {
  const text = [
    '丙市城市更新工作方案',
    '一、主要任务',
    '1.整治城市街道环境。加大环卫保洁力度,强化城市道路的日常',
    '和定期保洁,做到“路见本色,房见底色”。',
    '责任单位:市城乡管理局,各街道',
    '2.整治建筑工地环境。进一步落实建筑施工工地周边围挡、物料堆',
    '\f',
    '- 3 -',
    '',
    '放覆盖、土方开挖湿法作业。',
    '责任单位:市住建局',
    '3.推进老旧小区改造。2022年',
    '全市改造老旧小区40个。(责任单位:市住',
    '建局、市财政局)',
    '4.加强历史文化保护。',
    '',
    '— 4 —',
    '',
    '到2025年,完成历史建筑测绘建档。(责任单位:市文旅局)',
  ].join('\n')
  const plan = parsePlanText(text)
  t.strictSame(plan.tasks.map((task) => task.number), ['1', '2', '3', '4'])
  t.equal(plan.tasks[0]!.description, '加大环卫保洁力度,强化城市道路的日常和定期保洁,做到“路见本色,房见底色”。')
  t.equal(plan.tasks[1]!.description, '进一步落实建筑施工工地周边围挡、物料堆放覆盖、土方开挖湿法作业。')
  t.strictSame(plan.tasks[2]!.leadUnits, ['市住建局'])
  t.strictSame(plan.tasks[2]!.responsibleUnits, ['市财政局'])
  t.strictSame(plan.tasks[2]!.targets, [{ year: 2022, description: '全市改造老旧小区', value: 40, measure: '个' }])
  t.equal(plan.tasks[3]!.title, '加强历史文化保护')
  t.equal(plan.tasks[3]!.description, '到2025年,完成历史建筑测绘建档。')
})

t.test('tasks at the (一) level when a chapter has no numbered items', async (t) => {
  const plan = parsePlanText('丁市老旧小区改造工作方案\n一、工作目标\n到2024年,完成全部老旧小区改造。\n二、重点任务\n(一)推进老旧小区改造。2022年改造30个。(责任单位:市住建局)\n(二)完善社区服务设施。\n1.增设养老服务设施。\n2.增设托育服务设施。\n责任单位:市民政局、市卫健委\n(三)加强物业管理。到2023年底,物业覆盖率达到90%以上。(市住建局牵头,各街道办事处配合)\n三、保障措施\n(一)强化组织领导。\n')
  t.strictSame(plan.sections, [])
  t.strictSame(plan.tasks.map((task) => [task.number, task.section, task.title]), [
    ['1', null, '推进老旧小区改造'],
    ['2', null, '完善社区服务设施'],
    ['3', null, '加强物业管理'],
  ])
  t.strictSame(plan.tasks[1]!.leadUnits, ['市民政局'])
  t.equal(plan.tasks[1]!.description, '增设养老服务设施。\n增设托育服务设施。')
})

t.test('text that is not a plan throws NotAPlanError', async (t) => {
  t.throws(() => parsePlanText(''), NotAPlanError)
  t.throws(() => parsePlanText('   \n\f\n  '), NotAPlanError)
  const news = '市政府召开常务会议研究城市更新工作\n3月15日,市长主持召开市政府常务会议,研究部署城市更新工作。会议指出,要坚持以人民为中心。\n会议强调:\n1.要提高政治站位。\n2.要狠抓工作落实。\n会议还研究了其他事项。'
  t.throws(() => parsePlanText(news), NotAPlanError)
  t.throws(() => parsePlanText('一、指导思想\n坚持以人民为中心。\n二、保障措施\n1.加强组织领导。(责任单位:市住建局)\n'), NotAPlanError, 'units in 保障措施 do not make tasks')
  try {
    parsePlanText(news)
  } catch (err) {
    t.ok(err instanceof NotAPlanError && err.message.length > 0, 'the error carries a reason')
  }
})

t.test('a plan attached to its notice: traditional characters, CRLF, a form feed mid-sentence', async (t) => {
  const text = [
    '辛市人民政府辦公室關於印發辛市城市更新行動方案的通知',
    '辛政辦發〔2022〕8號',
    '各區人民政府,市政府各部門:',
    '經市政府同意,現將《辛市城市更新行動方案》印發給你們,請認真貫徹執行。',
    '附件:辛市城市更新行動方案',
    '辛市人民政府辦公室',
    '2022年4月2日',
    '附件',
    '辛市城市更新行動方案',
    '一、總體要求',
    '到2025年,城市更新取得明顯成效。',
    '二、重點任務',
    '(一)實施老舊小區改造',
    '1.加快老舊小區改造。2022年改造老舊小區30個,2023年改造40\f個。(牽頭單位:市住房城鄉建設局;責任單位:各區人民政府)',
    '2.推進加裝電梯。“十四五”期間,累計加裝電梯500部。',
    '責任單位:市住房城鄉建設局、市市場監管局',
    '(二)完善公共服務設施',
    '3.建設社區養老設施。2023年6月30日前完成佈點規劃。(市民政局牽頭,各區人民政府配合)',
    '三、保障措施',
    '(一)加強組織領導。由市住房城鄉建設局牽頭負責。',
  ].join('\r\n')
  const plan = parsePlanText(text)
  t.strictSame(
    { title: plan.title, docNumber: plan.docNumber, issuer: plan.issuer, issuedOn: plan.issuedOn, startYear: plan.startYear, endYear: plan.endYear },
    { title: '辛市城市更新行動方案', docNumber: '辛政辦發〔2022〕8號', issuer: '辛市人民政府辦公室', issuedOn: '2022-04-02', startYear: 2022, endYear: 2025 },
  )
  t.strictSame(plan.sections, [{ number: '一', title: '實施老舊小區改造' }, { number: '二', title: '完善公共服務設施' }])
  const [first, second, third] = plan.tasks
  t.equal(first!.description, '2022年改造老舊小區30個,2023年改造40個。')
  t.strictSame(first!.targets.map((g) => [g.year, g.value, g.measure]), [[2022, 30, '個'], [2023, 40, '個']])
  t.strictSame(second!.targets, [{ year: 2025, description: '累計加裝電梯', value: 500, measure: '部' }])
  t.strictSame([third!.leadUnits, third!.cooperatingUnits, third!.leadInferred, third!.deadline], [['市民政局'], ['各區人民政府'], false, '2023-06-30'])
})

t.test('several counted outcomes in one year, and a 完成时限 field giving a month', async (t) => {
  const plan = parsePlanText('庚市城市更新行动方案\n三、重点任务\n1.推进老旧小区改造。到2025年,改造提升老旧小区3.5万户,新增停车泊位1000个以上。(市住建局牵头,市发展改革委、市财政局、各区政府按职责分工负责)\n2.建设口袋公园。新建口袋公园20个。\n牵头单位:市城管局\n责任单位:各县(市、区)人民政府\n完成时限:2022年12月\n')
  const [first, second] = plan.tasks
  t.strictSame(first!.targets, [
    { year: 2025, description: '改造提升老旧小区', value: 3.5, measure: '万户' },
    { year: 2025, description: '新增停车泊位', value: 1000, measure: '个' },
  ])
  t.strictSame([first!.leadUnits, first!.responsibleUnits, first!.leadInferred], [['市住建局'], ['市发展改革委', '市财政局', '各区政府'], false])
  t.equal(second!.deadline, '2022-12-31')
  t.equal(second!.description, '新建口袋公园20个。')
})

t.test('the task list of an attachment is used when the body lists none with units', async (t) => {
  const plan = parsePlanText('壬市城市更新实施方案\n一、重点任务\n全面推进城市更新,具体任务见附件。\n二、保障措施\n(一)加强领导。\n附件:壬市城市更新重点任务清单\n附件\n壬市城市更新重点任务清单\n一、重点任务\n1.推进老旧小区改造。(责任单位:市住建局)\n2.推进口袋公园建设。(责任单位:市城管局)\n')
  t.strictSame(plan.tasks.map((task) => [task.number, task.leadUnits[0]]), [['1', '市住建局'], ['2', '市城管局']])
})

t.test('a long paragraph broken over many lines and pages stays linear', async (t) => {
  const pieces = Array.from({ length: 30000 }, (_, i) => (i % 50 === 49 ? '城市\f\n- 9 -\n' : '城市更新\n'))
  const text = `测试市城市更新行动计划\n二、重点任务\n1.推进改造。${pieces.join('')}完成。(责任单位:市住建局)\n`
  const start = performance.now()
  const plan = parsePlanText(text)
  const elapsed = performance.now() - start
  t.equal(plan.tasks.length, 1)
  t.strictSame(plan.tasks[0]!.leadUnits, ['市住建局'])
  t.ok(elapsed < 5000, `took ${Math.round(elapsed)} ms for ${text.length} characters`)
})
