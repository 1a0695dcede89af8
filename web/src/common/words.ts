// The console's words for the API's codes (CONSOLE.md: use these, not synonyms).
import type { components } from '@/api/schema'

export type TaskStatus = components['schemas']['Task']['status']
export type Light = components['schemas']['Task']['light']
export type UnitRole = keyof components['schemas']['Task']['units']
export type Role = components['schemas']['User']['role']

export const STATUS_WORDS: Record<TaskStatus, string> = {
  draft: '未交办', dispatched: '已交办', acknowledged: '已签收', in_progress: '推进中',
  completion_requested: '申请办结', closed: '已销号', suspended: '已暂停', cancelled: '已撤销',
}
export const LIGHT_WORDS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' }
export const UNIT_ROLE_WORDS: Record<UnitRole, string> = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位' }
export const ROLE_WORDS: Record<Role, string> = {
  admin: '系统管理员', office: '领导小组办公室', unit: '责任单位', supervisor: '督查室', leader: '领导',
}
export const ROLES = Object.keys(ROLE_WORDS) as Role[]
export const STATUSES = Object.keys(STATUS_WORDS) as TaskStatus[]
export const LIGHTS = Object.keys(LIGHT_WORDS) as Light[]
