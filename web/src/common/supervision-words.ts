import { shanghaiToday } from './shanghai-time'
// The console's words for 督办单 and 批示 (CONSOLE.md and DOMAIN.md).
import type { components } from '@/api/schema'

export type Notice = components['schemas']['Notice']
export type NoticeDetail = components['schemas']['NoticeDetail']
export type Instruction = components['schemas']['Instruction']
export type InstructionDetail = components['schemas']['InstructionDetail']
export type NoticeColour = Notice['colour']

export const NOTICE_COLOUR_WORDS: Record<NoticeColour, string> = { blue: '蓝色', yellow: '黄色', red: '红色' }
export const NOTICE_STATUS_WORDS: Record<Notice['status'], string> = { open: '待反馈', replied: '待审核', accepted: '已通过' }
export const INSTRUCTION_STATUS_WORDS: Record<Instruction['status'], string> = { open: '待落实', overdue: '逾期未反馈', answered: '已反馈' }
export const INSTRUCTION_TARGET_WORDS: Record<Instruction['targetType'], string> = { task: '任务', plan: '计划', unit: '单位' }
export const ESCALATION_LEVEL_WORDS: Record<number, string> = { 1: 'L1 催办', 2: 'L2 督办', 3: 'L3 领导督办' }
export const ESCALATION_STATUS_WORDS: Record<string, string> = { open: '待处理', acknowledged: '已签收', resolved: '已办结' }
export const NOTICE_ACTION_WORDS: Record<NoticeDetail['history'][number]['action'], string> = {
  issue: '签发', reply: '反馈', accept: '通过', reopen: '退回', escalate: '逾期提请领导督办',
}

/** Whole days from a date (YYYY-MM-DD) to today, for "age" columns. */
export function daysSince(date: string): number {
  const today = shanghaiToday()
  return Math.max(0, Math.round((Date.parse(today) - Date.parse(date)) / 86_400_000))
}

/** How long ago a date was, in words: 今天, 3 天前. */
export function ageWords(date: string): string {
  const days = daysSince(date)
  return days === 0 ? '今天' : `${days} 天前`
}
