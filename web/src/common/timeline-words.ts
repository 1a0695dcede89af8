// A task's 经过 in the console's words. The API's timeline summaries are an English log; each entry's kind and
// data say what happened, and this phrases it. An entry it does not know keeps the API's summary.
import type { components } from '@/api/schema'
import { ESCALATION_LEVEL_WORDS, NOTICE_ACTION_WORDS } from './supervision-words'
import { STATUS_WORDS, type TaskStatus } from './words'

type Entry = components['schemas']['TimelineEntry']

const ACTION_WORDS: Record<string, string> = {
  dispatch: '交办', acknowledge: '签收', report: '填报', 'request-completion': '办结申请', accept: '审核通过',
  return: '退回', suspend: '暂停', resume: '恢复', cancel: '撤销',
}
const ESCALATION_EVENT_WORDS: Record<string, string> = { opened: '启动', acknowledged: '签收', resolved: '办结' }
const ESCALATION_REASON_WORDS: Record<string, string> = { overdue: '逾期', reports_missing: '连续两期未报送进展' }
const NOTIFICATION_STATUS_WORDS: Record<string, string> = { queued: '待发送', sent: '已发送', failed: '发送失败' }

export function timelineText(entry: Entry): string {
  const d = entry.data ?? {}
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : '')
  const status = (key: string) => STATUS_WORDS[text(key) as TaskStatus] ?? text(key)
  switch (entry.kind) {
    case 'transition': {
      const action = ACTION_WORDS[text('action')]
      return action ? `${action}（${status('from')} → ${status('to')}）` : entry.summary
    }
    case 'report': {
      const revision = Number(d.revision ?? 1)
      return `${text('unitName')}填报 ${text('period')} 进展${revision > 1 ? `（第 ${revision} 次修订）` : ''}：完成 ${d.percent}%`
    }
    case 'report-review':
      return `${d.decision === 'accept' ? '通过' : '退回'}${text('unitName')} ${text('period')} 的进展报告`
    case 'extension-request':
      return `${text('unitName')}申请延期至 ${text('newDeadline')}`
    case 'extension-decision':
      return d.decision === 'approve'
        ? `同意延期：完成时限由 ${text('oldDeadline') || '无'} 改为 ${text('newDeadline')}`
        : `不同意延期至 ${text('newDeadline')}`
    case 'escalation': {
      const event = ESCALATION_EVENT_WORDS[text('event')]
      if (!event) return entry.summary
      const reason = text('event') === 'opened' ? `（${ESCALATION_REASON_WORDS[text('reason')] ?? text('reason')}）` : ''
      return `${ESCALATION_LEVEL_WORDS[Number(d.level)] ?? ''} ${event}${reason}`
    }
    case 'notification':
      return text('subject') ? `通知“${text('subject')}”发往 ${text('recipientEmail')}（${NOTIFICATION_STATUS_WORDS[text('status')] ?? text('status')}）` : entry.summary
    case 'notice': {
      const action = NOTICE_ACTION_WORDS[text('action') as keyof typeof NOTICE_ACTION_WORDS]
      return action ? `督办单 ${text('number')} ${action}` : entry.summary
    }
    case 'instruction':
      return '批示'
    case 'instruction-report':
      return '报告批示落实情况'
    default:
      return entry.summary
  }
}
