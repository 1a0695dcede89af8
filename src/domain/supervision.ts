import type { Light } from './lights.js'

// 督办单 and 批示: numbering, colour, reply-by defaults and the notice's states. Pure; no I/O.

/** Working days a unit has to reply to a notice (反馈) unless the supervisor sets a date. */
export const NOTICE_REPLY_WORKING_DAYS = 5
/** Working days a unit has to report how it acted on an instruction (落实情况). */
export const INSTRUCTION_REPLY_WORKING_DAYS = 10

export type NoticeColour = 'blue' | 'yellow' | 'red'
export type NoticeStatus = 'open' | 'replied' | 'accepted'

/** 督办〔2026〕第12号 */
export const noticeNumber = (year: number, seq: number) => `督办〔${year}〕第${seq}号`

/**
 * The colour of a three-colour notice from the task's light when it is issued: 红 overdue, 黄 behind
 * schedule (the yellow light), 蓝 a heads-up before the deadline.
 */
export function noticeColour(light: Light): NoticeColour {
  return light === 'red' ? 'red' : light === 'yellow' ? 'yellow' : 'blue'
}

export const NOTICE_COLOUR_LABELS: Record<NoticeColour, string> = { blue: '蓝色', yellow: '黄色', red: '红色' }

/** What each action needs the notice to be in (409 otherwise), and what it leaves it in. */
export const NOTICE_MOVES = {
  reply: { from: ['open'], to: 'replied' },
  accept: { from: ['replied'], to: 'accepted' },
  reopen: { from: ['replied'], to: 'open' },
} as const satisfies Record<string, { from: readonly NoticeStatus[]; to: NoticeStatus }>
export type NoticeMove = keyof typeof NOTICE_MOVES

export const allowedNoticeMoves = (status: NoticeStatus): NoticeMove[] =>
  (Object.keys(NOTICE_MOVES) as NoticeMove[]).filter((m) => (NOTICE_MOVES[m].from as readonly string[]).includes(status))

/** An open notice is overdue once its reply-by date has passed without a reply. */
export const noticeOverdue = (n: { status: NoticeStatus; replyBy: string }, today: string) => n.status === 'open' && today > n.replyBy

/** An instruction is overdue once its reply-by date has passed and not every unit has reported. */
export const instructionOverdue = (i: { answeredAt: string | null; replyBy: string }, today: string) => i.answeredAt === null && today > i.replyBy

/** Default problem and requirement of a notice the ladder's L2 opens. */
export function escalationNoticeText(reason: 'overdue' | 'reports_missing', workingDaysOverdue: number): { problem: string; requirement: string } {
  return {
    problem: reason === 'overdue' ? `该任务已超过完成时限${workingDaysOverdue}个工作日,仍未办结。` : '该任务已连续两期未报送进展。',
    requirement: '请牵头单位查明原因,落实整改措施,于反馈时限前书面反馈办理情况及下一步计划。',
  }
}
