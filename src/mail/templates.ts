// The wording of every message the service mails: subjects and bodies in Chinese, plain text and HTML.
// Pure functions of what the message is about; the notification row stores their output.
import type { DeadlineSource, Light, LightReason } from '../domain/lights.js'
import { DEADLINE_SOURCE_NOTES, lightText } from '../domain/lights-text.js'

export interface Composed {
  subject: string
  text: string
  html: string
}

export interface TaskRef {
  id: number
  number: string
  title: string
  /** The deadline the task is held to: its own, else its targets' or the plan's end (`deadlineSource`). */
  deadline: string | null
  deadlineSource?: DeadlineSource
  planTitle: string
  /** The task's light and why (亮灯原因), when the message should say it. */
  light?: { light: Light; reasons: LightReason[] }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** 2026-06-24 → 2026年6月24日 */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** 2026-06 → 2026年6月 */
const chinesePeriod = (period: string) => `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`

export const taskName = (t: TaskRef) => `${t.number}. ${t.title}`
const SIGNATURE = '本邮件由城市更新行动计划督办系统自动发送,请勿直接回复。'

/** Paragraphs of text, the same in both forms; the HTML form escapes and wraps them. */
export function compose(subject: string, paragraphs: string[], list: string[] = []): Composed {
  const text = [...paragraphs, ...list.map((l) => `  · ${l}`), '', SIGNATURE].join('\n')
  const html = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    list.length ? `<ul>${list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
    `<p style="color:#888">${escapeHtml(SIGNATURE)}</p>`,
    '</body></html>',
  ].join('\n')
  return { subject, text, html }
}

export function taskLines(t: TaskRef): string[] {
  const lines = [`所属计划:${t.planTitle}`, `任务:${taskName(t)}`, `完成时限:${t.deadline ? `${chineseDate(t.deadline)}${DEADLINE_SOURCE_NOTES[t.deadlineSource ?? 'task']}` : '未设定'}`]
  const light = t.light && lightText(t.light.light, t.light.reasons)
  if (light) lines.push(`亮灯:${light}`)
  return lines
}

export function deadlineReminder(task: TaskRef, workingDaysLeft: number): Composed {
  return compose(
    `【到期提醒】任务“${taskName(task)}”距完成时限还有${workingDaysLeft}个工作日`,
    ['各承办单位:', `以下任务距完成时限还有${workingDaysLeft}个工作日,请抓紧推进,按时办结并报送进展。`, ...taskLines(task)],
  )
}

/** `total` tasks without a report; `tasks` the ones listed (all of them, or the first few by deadline). */
export function reportReminder(input: { planTitle: string; unitName: string; period: string; dueOn: string; total: number; tasks: TaskRef[] }): Composed {
  const listed = input.tasks.length < input.total ? `时限最近的${input.tasks.length}项如下,其余请登录系统查看:` : '如下:'
  return compose(
    `【填报提醒】请于${chineseDate(input.dueOn)}前报送${chinesePeriod(input.period)}任务进展(${input.total}项)`,
    [`${input.unitName}:`, `“${input.planTitle}”${chinesePeriod(input.period)}调度进展请于${chineseDate(input.dueOn)}前报送。贵单位本期尚有${input.total}项任务未填报,${listed}`],
    input.tasks.map((t) => `${taskName(t)}${t.deadline ? `(时限:${chineseDate(t.deadline)})` : ''}`),
  )
}

const ROLE_NAMES = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位' } as const

export function taskDispatched(task: TaskRef, role: keyof typeof ROLE_NAMES): Composed {
  const ask = role === 'lead' ? '请及时签收,按时报送进展。' : role === 'responsible' ? '请配合牵头单位推进落实,按时报送进展。' : '请积极配合牵头单位做好相关工作。'
  return compose(`【任务交办】${taskName(task)}`, [`贵单位作为${ROLE_NAMES[role]}承担以下任务,${ask}`, ...taskLines(task)])
}

export function taskReturned(task: TaskRef, reason: string | null): Composed {
  return compose(`【办结退回】任务“${taskName(task)}”的办结申请已退回`, [
    '贵单位提交的办结申请未通过审核,已退回继续办理。', ...taskLines(task), `退回理由:${reason ?? '未说明'}`,
  ])
}

export function extensionDecided(task: TaskRef, d: { approved: boolean; oldDeadline: string | null; newDeadline: string; comment: string | null }): Composed {
  const outcome = d.approved ? '已批准' : '未获批准'
  const lines = d.approved
    ? [`原完成时限:${d.oldDeadline ? chineseDate(d.oldDeadline) : '未设定'}`, `新完成时限:${chineseDate(d.newDeadline)}`]
    : [`申请延至:${chineseDate(d.newDeadline)}`, `完成时限仍为:${d.oldDeadline ? chineseDate(d.oldDeadline) : '未设定'}`]
  return compose(`【延期审批】任务“${taskName(task)}”的延期申请${outcome}`, [
    `贵单位提交的延期申请${outcome}。`, `所属计划:${task.planTitle}`, `任务:${taskName(task)}`, ...lines, ...(d.comment ? [`审批意见:${d.comment}`] : []),
  ])
}

const LEVEL_TITLES = { 1: '催办', 2: '督办', 3: '领导督办' } as const

export function escalation(task: TaskRef, e: { level: 1 | 2 | 3; reason: 'overdue' | 'reports_missing'; workingDaysOverdue: number }): Composed {
  const why = e.reason === 'overdue' ? `已超过完成时限${e.workingDaysOverdue}个工作日,仍未办结` : '已连续两期未报送进展'
  const ask = e.level === 1
    ? '请牵头单位抓紧办理,尽快办结并报送进展。'
    : e.level === 2 ? '现列入督办,请督查室跟进督促,确认并处理督办单。' : '现提请领导关注,该任务将在下一期季度通报中点名。'
  return compose(`【${LEVEL_TITLES[e.level]}】任务“${taskName(task)}”${why}`, [`以下任务${why}。${ask}`, ...taskLines(task)])
}

export const summarySubject = (title: string) => `【通报】${title}`

/** The summary itself is the body (rendered when the mail is sent); its Word file goes along as an attachment. */
export function summaryBody(s: { text: string; html: string }): Omit<Composed, 'subject'> {
  return { text: `${s.text}\n\n${SIGNATURE}`, html: s.html }
}
