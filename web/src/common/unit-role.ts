import type { components } from '@/api/schema'
import type { UnitRole } from './words'

/** The signed-in unit's role on a task, read from the task's units by role (the API lists a unit user's tasks only). */
export function roleOf(units: components['schemas']['Task']['units'], unitId: number | null | undefined): UnitRole | null {
  if (unitId == null) return null
  for (const role of ['lead', 'responsible', 'cooperating'] as const) if (units[role].some((u) => u.id === unitId)) return role
  return null
}

/** 剩余 3 个工作日 / 今天截止 / 逾期 2 个工作日 */
export function workingDaysWords(left: number): string {
  if (left > 0) return `剩余 ${left} 个工作日`
  if (left === 0) return '今天截止'
  return `逾期 ${-left} 个工作日`
}
