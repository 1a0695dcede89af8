// The messages of 督办单 and 批示: to the unit addressed, the leaders (an unanswered notice) and the office.
import { NOTICE_COLOUR_LABELS, type NoticeColour } from '../domain/supervision.js'
import { chineseDate, compose, taskLines, taskName, type Composed, type TaskRef } from './templates.js'

export interface NoticeRef { number: string; colour: NoticeColour; unitName: string; problem: string; requirement: string; replyBy: string }

export function noticeIssued(task: TaskRef, n: NoticeRef): Composed {
  return compose(`【${NOTICE_COLOUR_LABELS[n.colour]}督办单】${n.number} 任务“${taskName(task)}”`, [
    `${n.unitName}:`, `督查室就以下任务向贵单位发出${NOTICE_COLOUR_LABELS[n.colour]}督办单(${n.number}),请登录督办系统查看并于${chineseDate(n.replyBy)}前反馈办理情况。`,
    ...taskLines(task), `存在问题:${n.problem}`, `督办要求:${n.requirement}`, `反馈时限:${chineseDate(n.replyBy)}`,
  ])
}

export function noticeReopened(task: TaskRef, n: NoticeRef, reason: string | null): Composed {
  return compose(`【督办单】${n.number} 反馈未通过,请重新反馈`, [
    `${n.unitName}:`, `贵单位对督办单${n.number}的反馈未通过审核,请按要求重新反馈。`, ...taskLines(task),
    `理由:${reason ?? '未说明'}`, `反馈时限:${chineseDate(n.replyBy)}`,
  ])
}

export function noticeOverdue(task: TaskRef, n: NoticeRef): Composed {
  return compose(`【领导督办】督办单${n.number}逾期未反馈`, [
    `${n.unitName}收到的督办单${n.number}已过反馈时限(${chineseDate(n.replyBy)}),仍未反馈,现提请领导关注。`, ...taskLines(task), `存在问题:${n.problem}`,
  ])
}

export function instructionIssued(i: { targetName: string; text: string; replyBy: string; leader: string; unitNames: string[] }): Composed {
  return compose(`【领导批示】${i.targetName}`, [
    `${i.unitNames.join('、')}:`, `${i.leader}就“${i.targetName}”作出批示:`, `“${i.text}”`,
    `请认真抓好落实,并于${chineseDate(i.replyBy)}前登录督办系统报送落实情况。`,
  ])
}
