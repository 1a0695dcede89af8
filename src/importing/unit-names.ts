import type { UnitKind } from '../db/schema/index.js'
import { fold } from '../domain/plan-parser/fold.js'

/**
 * How unit names from documents and ledgers are compared with the registry. Names that differ only
 * in script (traditional/simplified), character width, bracket style or spaces are the same name;
 * names that are merely close (an abbreviation, 委 for 局, one character off) are only suggested.
 */

/** The matching key: folded (full-width → half-width, traditional → simplified) without spaces. */
export function nameKey(name: string): string {
  return fold(name).replace(/\s+/g, '').replace(/[〔［]/g, '[').replace(/[〕］]/g, ']')
}

/** Common long forms and their abbreviations; each pair is read as the short form before comparing. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/住房和城乡建设/g, '住建'], [/住房城乡建设/g, '住建'],
  [/城乡管理/g, '城管'], [/城市管理/g, '城管'],
  [/发展和改革/g, '发改'], [/发展改革/g, '发改'],
  [/人力资源和社会保障/g, '人社'], [/工业和信息化/g, '工信'],
  [/卫生健康/g, '卫健'], [/卫生和健康/g, '卫健'],
  [/文化广电和旅游|文化广电旅游|文化和旅游|文化旅游/g, '文旅'],
  [/市场监督管理/g, '市场监管'], [/交通运输/g, '交通'], [/应急管理/g, '应急'],
  [/自然资源和规划/g, '自然资源'], [/生态环境/g, '环境'],
  [/林业和草原/g, '林草'],
]

/** Endings that say what sort of office it is rather than which one: 委, 局, 委员会, 办公室 … */
const OFFICE_SUFFIX = /(?:委员会|办公室|管理局|局|委|厅|办)$/

/** The name with abbreviations applied and the office ending dropped: 市城乡管理局 → 市城管. */
export function coreName(name: string): string {
  let core = nameKey(name)
  for (const [long, short] of ABBREVIATIONS) core = core.replace(long, short)
  return core.replace(OFFICE_SUFFIX, '')
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}

/**
 * Why `name` may be the same unit as `known`, or null. Same core after abbreviations and office
 * ending (市发改委 / 市发改局); or cores of four or more characters one character apart that begin
 * alike (same level: 市/县/区), e.g. 市场监督管理局 / 市市场监督管理局.
 */
export function closeNameReason(name: string, known: string): string | null {
  if (nameKey(name) === nameKey(known)) return null
  const a = coreName(name)
  const b = coreName(known)
  if (a === b && a !== '') return '简称或“局/委/办”等后缀不同,可能是同一单位'
  if (a.length >= 4 && b.length >= 4 && a[0] === b[0] && editDistance(a, b) === 1) return '名称只差一个字,可能是同一单位'
  return null
}

/** The kind a new unit most likely is, from its name. */
export function guessUnitKind(name: string): UnitKind {
  const key = nameKey(name)
  if (key.startsWith('各') || /(?:成员单位|领导小组|指挥部)$/.test(key)) return 'group'
  if (/街道(?:办事处|办)?$/.test(key)) return 'street'
  if (/(?:乡|镇)(?:人民政府|政府)?$/.test(key)) return 'township'
  if (/(?:集团|公司)/.test(key)) return 'enterprise'
  return 'department'
}
