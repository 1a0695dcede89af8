import type { DeadlineSource, Light, LightReason } from './lights.js'

// How a light and its reasons read in Chinese, in mail, summaries and the console alike.

export const LIGHT_NAMES: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' }

/** Where the deadline a task is held to comes from, said after the date when it is not the task's own. */
export const DEADLINE_SOURCE_NOTES: Record<DeadlineSource, string> = { task: '', target: '(按年度目标完成时间)', plan: '(按行动计划期末)' }

const day = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
const month = (period: string) => `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`

/** One reason as a phrase: “逾期 3 个工作日(完成时限6月18日)”. */
export function lightReasonText(r: LightReason): string {
  switch (r.kind) {
    case 'overdue': return `逾期 ${r.days} 个工作日(完成时限${day(r.deadline)})`
    case 'target_overdue': return `年度目标${day(r.dueOn)}到期未完成(完成${r.actual ?? 0}/${r.value})`
    case 'due_soon': return `距完成时限(${day(r.deadline)})还有 ${r.days} 个工作日`
    case 'report_missing': return `${month(r.period)}进展未报送`
    case 'behind_schedule': return `年度目标落后序时进度(完成${r.actual ?? 0},序时应完成${r.expected})`
  }
}

/** “红灯:逾期 1 个工作日(完成时限6月18日);2026年6月进展未报送”, or null for a green light. */
export function lightText(light: Light, reasons: readonly LightReason[]): string | null {
  if (light === 'green' || reasons.length === 0) return null
  return `${LIGHT_NAMES[light]}:${reasons.map(lightReasonText).join(';')}`
}
