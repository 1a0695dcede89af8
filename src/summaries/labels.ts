import type { DeadlineSource, Light } from '../domain/lights.js'
import type { TaskStatus } from '../domain/task-status.js'

/** How a circulated document names statuses, lights and escalations. */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  draft: '未交办', dispatched: '已交办', acknowledged: '已签收', in_progress: '推进中',
  completion_requested: '申请办结', closed: '已销号', suspended: '已暂停', cancelled: '已撤销',
}
export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' }
/** What a deadline not the task's own was taken from, after the date: 2026-12-31（年度目标）. */
export const DEADLINE_SOURCE_LABELS: Record<DeadlineSource, string | null> = { task: null, target: '年度目标', plan: '计划期末' }
export const ESCALATION_LEVEL_LABELS = ['—', '催办', '督办', '提级督办'] as const
export const ESCALATION_STATUS_LABELS: Record<string, string> = { open: '待处理', acknowledged: '已签收', resolved: '已办结' }

/** 2026-07-01 → 2026年7月1日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** 2026-06 → 2026年6月 */
export const chineseMonth = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`

/** A figure as an office writes it: no trailing zeros, with its measure (40 个 → 40个). */
export function figure(value: number | null, measure?: string | null): string {
  if (value === null) return '—'
  const text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100)
  return measure ? `${text}${measure}` : text
}

export const percentText = (value: number | null) => (value === null ? '—' : `${value}%`)
