/**
 * A matching key for plan text: same length as the input, one code unit per code unit, so an
 * index found in the folded text is the same index in the original. Full-width ASCII becomes
 * half-width and traditional characters become simplified; output always slices the original.
 */

// Pairs of (traditional, simplified): the characters plan keywords, unit suffixes and measures use.
const TRADITIONAL_SIMPLIFIED =
  '責责單单牽牵頭头協协辦办參参與与門门聯联負负職职別别組组織织領领員员導导則则總总體体標标' +
  '進进務务動动點点專专項项劃划計计實实現现狀状勢势況况監监評评驟骤範范圍围適适據据規规綱纲' +
  '見见細细將将確确預预爭争萬万億亿個个條条戶户棟栋輛辆張张噸吨場场塊块盞盏隻只畝亩頃顷積积' +
  '關关於于發发號号開开區区縣县鎮镇鄉乡會会廳厅處处隊队團团館馆臺台園园廠厂經经濟济設设環环' +
  '衛卫內内時时間间屬属舉举節节階阶際际線线層层裡里結结構构報报紙纸廣广電电視视務务錢钱準准' +
  '歸归權权義义麗丽壞坏擁拥擴扩擊击擔担攜携極极機机樓楼歡欢歲岁歷历氣气決决沒没淨净淺浅測测' +
  '滅灭漢汉潔洁灣湾無无煙烟營营爾尔獨独獎奖產产畫画當当療疗盡尽盤盘眾众礎础禮礼種种穩稳窮穷' +
  '競竞築筑簡简糧粮紀纪約约級级純纯終终絕绝統统綜综維维綠绿網网緊紧練练縮缩繼继續续罰罚習习' +
  '聖圣聞闻聲声聽听肅肃腦脑興兴舊旧艱艰藝艺蘇苏蟲虫術术衝冲補补裝装製制複复親亲覺觉觀观訂订' +
  '記记許许診诊試试詳详認认誤误說说調调談谈請请論论諸诸講讲謝谢識识證证議议護护讀读變变讓让' +
  '貧贫購购貫贯費费貼贴資资賦赋質质輔辅輕轻載载農农運运過过達达違违遠远遷迁選选遺遗還还邊边' +
  '醫医釋释鐵铁鑒鉴長长閉闭閒闲閱阅陣阵陰阴陳陈陸陆陽阳險险隱隐難难雙双雜杂電电靈灵響响頂顶' +
  '順顺須须頻频題题額额顧顾顯显風风飛飞養养馬马驗验驅驱髒脏鬧闹齊齐齡龄龍龙財财稅税審审統统' +
  '檢检繪绘郵邮銀银證证婦妇僑侨殘残兒儿學学醫医橋桥燈灯熱热給给汙污廢废態态綠绿護护遺遗業业' +
  '貿贸貨货輸输車车軌轨稱称頒颁佈布週周為为並并後后這这們们對对從从來来優优麼么樣样嶺岭倉仓' +
  '傳传價价儲储剛刚創创務务勞劳區区協协廈厦參参啟启圖图執执堅坚報报壓压墊垫奮奋寬宽實实寧宁' +
  '將将導导屆届層层島岛幣币幫帮廟庙彈弹徵征惡恶慶庆應应懷怀戰战擬拟擾扰攝摄敗败數数斷断暢畅' +
  '東东棧栈槍枪標标樞枢橫横歲岁殼壳氫氢決决況况涼凉淨净滬沪漁渔澤泽濕湿災灾爭争爐炉牆墙獲获' +
  '現现瑪玛瓊琼畢毕異异療疗發发盜盗礦矿禦御稅税窯窑竊窃筆笔簽签範范糾纠紐纽絡络給给統统絲丝' +
  '綁绑緣缘縱纵縣县繁繁罷罢羅罗聯联膽胆臨临舉举蓋盖薦荐號号蝕蚀衛卫補补襲袭規规視视覽览觸触' +
  '計计訊讯託托設设診诊詢询試试話话該该詳详誌志語语誠诚說说課课調调談谈質质購购賽赛趙赵跡迹' +
  '躍跃軍军軟软較较輛辆輪轮農农邁迈遞递遞递邏逻鄰邻醞酝醬酱釣钓銷销鋪铺錄录鍵键鎖锁鏈链鐘钟' +
  '鑄铸閘闸閥阀闊阔隨随雲云霧雾靜静頁页領领頸颈顆颗颱台餘余館馆騎骑體体鬥斗魯鲁鳳凤鹽盐麥麦' +
  '黃黄齒齿彙汇匯汇準准儀仪濾滤縫缝縱纵贊赞辭辞廚厨溝沟氾泛'

const FOLD = new Map<number, number>()
for (let i = 0; i + 1 < TRADITIONAL_SIMPLIFIED.length; i += 2) {
  const from = TRADITIONAL_SIMPLIFIED.charCodeAt(i)
  const to = TRADITIONAL_SIMPLIFIED.charCodeAt(i + 1)
  if (from !== to) FOLD.set(from, to)
}
FOLD.set(0x3000, 0x20) // ideographic space
FOLD.set(0x00a0, 0x20) // no-break space
FOLD.set(0x3010, 0x5b) // 【
FOLD.set(0x3011, 0x5d) // 】
FOLD.set(0xfe5d, 0x3014) // ﹝
FOLD.set(0xfe5e, 0x3015) // ﹞
FOLD.set(0xff64, 0x3001) // half-width ideographic comma
FOLD.set(0xff61, 0x3002) // half-width ideographic full stop

const TABLE = new Uint16Array(0x10000).map((_, code) => code)
for (let code = 0xff01; code <= 0xff5e; code++) TABLE[code] = code - 0xfee0
for (const [from, to] of FOLD) TABLE[from] = to

export function fold(text: string): string {
  let out = ''
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const folded = TABLE[code]!
    if (folded === code) continue
    out += text.slice(run, i) + String.fromCharCode(folded)
    run = i + 1
  }
  return run === 0 ? text : out + text.slice(run)
}
