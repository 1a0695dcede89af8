import type { Db } from '../src/db/client.js'
import type { EscalationLevel } from '../src/db/schema/index.js'
import type { WorkingCalendar } from '../src/domain/calendar.js'
import { MISSED_PERIODS_FOR_L2, overdueCutoffs, workingDaysOverdue } from '../src/domain/escalation-ladder.js'
import {
  deadlineReminderDays, deadlinesWithReminderDue, lastOverduePeriods, reportReminderDue,
} from '../src/domain/reminders.js'
import type { TaskStatus } from '../src/domain/task-status.js'
import * as templates from '../src/mail/templates.js'
import type { TaskRef } from '../src/mail/templates.js'
import { recordAudit } from '../src/repositories/audit.js'
import type { EscalationsRepository, NewEscalation } from '../src/repositories/escalations.js'
import { createLightsRepository } from '../src/repositories/lights.js'
import type { NewNotification, NotificationsRepository } from '../src/repositories/notifications.js'
import { loadDirectory, taskRefsOf, taskUnitsOf, type Directory } from './directory.js'
import { notificationRow } from './notification-row.js'
import { openEscalationNotices } from '../src/repositories/notices.js'
import { escalateOverdueNotices } from './supervision-notifications.js'

/** Tasks whose work lies with the units: they get reminders and climb the ladder (not drafts, finished, suspended, or awaiting the office's acceptance). */
export const CHASED_STATUSES: readonly TaskStatus[] = ['dispatched', 'acknowledged', 'in_progress']
const CHASED_SQL = `(${CHASED_STATUSES.map((s) => `'${s}'`).join(', ')})`
/** A report digest lists this many tasks, soonest deadline first, and counts the rest. */
export const REPORT_DIGEST_LISTED = 30

export interface DailyScanResult {
  asOf: string
  /** Scans do nothing on weekends and holidays; the next working day catches up. */
  workingDay: boolean
  /** New reminder messages by kind: `deadline_5d`, `deadline_1d` …, `report`. */
  reminders: Record<string, number>
  /** Escalations opened, by level. */
  escalations: { l1: number; l2: number; l3: number }
  /** New notification rows in all. */
  notifications: number
}

export interface DailyScanDeps {
  db: Db
  calendar: WorkingCalendar
  notifications: NotificationsRepository
  escalations: EscalationsRepository
}

interface PlanRow { id: number; title: string; reportingDay: number; yellowDays: number; l2Days: number; l3Days: number }
interface Candidate { taskId: number; deadline: string | null; level: EscalationLevel; reason: NewEscalation['reason'] }

const LEVEL_RECIPIENTS = {
  1: (d: Directory, lead: number[]) => [...d.unitContacts(lead), ...d.staff('office')],
  2: (d: Directory) => d.staff('supervisor'),
  3: (d: Directory) => d.staff('leader'),
} as const

/** The instant a period (YYYY-MM) begins in Shanghai, as the ISO UTC string transitions are stamped with. */
const periodStart = (period: string) => new Date(`${period}-01T00:00:00+08:00`).toISOString()

/**
 * The daily scan for `asOf`: deadline and report reminders due that day, and the escalations the ladder
 * calls for, written with their notifications in one transaction. Reads are set-based (a handful of
 * queries per plan over the deadline index); each reminder and level fires once per task and deadline
 * through the unique keys, so re-running a day adds nothing. Returns the new notification ids to enqueue.
 */
export function runDailyScan(deps: DailyScanDeps, asOf: string): { result: DailyScanResult; notificationIds: number[] } {
  const result: DailyScanResult = { asOf, workingDay: deps.calendar.isWorkday(asOf), reminders: {}, escalations: { l1: 0, l2: 0, l3: 0 }, notifications: 0 }
  // The lights the passing days may have changed (holidays too: periods and 序时进度 move on them). Writes
  // recompute their own tasks, so the rows whose light_changes_on has come are all there is to do.
  createLightsRepository(deps.db, { calendar: () => deps.calendar }).ensureFresh(asOf)
  if (!result.workingDay) return { result, notificationIds: [] }
  const { db, calendar } = deps
  const client = db.$client
  const plans = client.prepare(`SELECT id, title, reporting_day AS reportingDay, yellow_days AS yellowDays,
    escalation_l2_days AS l2Days, escalation_l3_days AS l3Days FROM plans ORDER BY id`).all() as PlanRow[]
  // Reminders and the ladder go by the deadline a task is held to (its own, else its targets' or the plan's end:
  // src/domain/lights.ts), fresh for the day above. The lights index (plan, status, light, effective deadline)
  // finds them: `light IN (…)` lets it serve an equality on the deadline, and an overdue task is always red.
  const withDeadline = client.prepare<[number, string], { id: number }>(`SELECT id FROM tasks t WHERE t.plan_id = ? AND t.status IN ${CHASED_SQL}
    AND t.light IN ('green', 'yellow', 'red') AND t.effective_deadline = ?`)
  const overdue = client.prepare(`SELECT t.id AS taskId, t.effective_deadline AS deadline,
    CASE WHEN t.effective_deadline < @c3 THEN 3 WHEN t.effective_deadline < @c2 THEN 2 ELSE 1 END AS level
    FROM tasks t WHERE t.plan_id = @planId AND t.status IN ${CHASED_SQL} AND t.light = 'red' AND t.effective_deadline < @c1
    AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.task_id = t.id AND e.deadline_key = t.effective_deadline
      AND e.level >= CASE WHEN t.effective_deadline < @c3 THEN 3 WHEN t.effective_deadline < @c2 THEN 2 ELSE 1 END)
    ORDER BY t.effective_deadline, t.id`)
  const reportsMissing = client.prepare(`SELECT t.id AS taskId, t.effective_deadline AS deadline FROM tasks t WHERE t.plan_id = @planId AND t.status IN ${CHASED_SQL}
    AND EXISTS (SELECT 1 FROM task_transitions d WHERE d.task_id = t.id AND d.action = 'dispatch' AND d.at < @requiredSince)
    AND NOT EXISTS (SELECT 1 FROM reports r JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id AND tu.role = 'lead'
      WHERE r.task_id = t.id AND r.period IN (SELECT value FROM json_each(@periods)))
    AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.task_id = t.id AND e.deadline_key = coalesce(t.effective_deadline, '') AND e.level >= 2)`)
  // A unit's lead and responsible tasks of the plan still without its report for the period (by the unit's
  // index entries): how many, and the first REPORT_DIGEST_LISTED by deadline.
  const unreported = client.prepare<[number, number, string, number], Omit<TaskRef, 'planTitle'> & { total: number }>(`SELECT t.id, t.number, t.title, t.deadline,
    count(*) OVER () AS total
    FROM task_units tu CROSS JOIN tasks t ON t.id = tu.task_id
    WHERE tu.unit_id = ? AND tu.role IN ('lead', 'responsible') AND t.plan_id = ? AND t.status IN ${CHASED_SQL}
    AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id AND r.unit_id = tu.unit_id AND r.period = ?)
    ORDER BY coalesce(t.deadline, '9999-12-31'), t.id LIMIT ?`)
  // Units already sent this period's digest: their dedupe keys share a prefix (a range on the unique index).
  const reminded = client.prepare<[string, string], { unitId: number }>('SELECT DISTINCT unit_id AS unitId FROM notifications WHERE dedupe_key >= ? AND dedupe_key < ?')

  const notificationIds: number[] = []
  const insert = (category: string | null, rows: NewNotification[]) => {
    const ids = deps.notifications.insertMany(rows)
    notificationIds.push(...ids)
    if (category !== null && ids.length) result.reminders[category] = (result.reminders[category] ?? 0) + ids.length
    return ids
  }

  db.transaction((tx) => {
    const directory = loadDirectory(db)
    for (const plan of plans) {
      const reminders: { taskId: number; deadline: string; days: number }[] = []
      for (const [deadline, days] of deadlinesWithReminderDue(asOf, deadlineReminderDays(plan), calendar)) {
        for (const { id } of withDeadline.all(plan.id, deadline)) reminders.push({ taskId: id, deadline, days })
      }
      const cutoffs = overdueCutoffs(asOf, { l2Days: plan.l2Days, l3Days: plan.l3Days }, calendar)
      const candidates = new Map<number, Candidate>()
      for (const c of overdue.all({ planId: plan.id, c1: cutoffs[1], c2: cutoffs[2], c3: cutoffs[3] }) as Omit<Candidate, 'reason'>[]) {
        candidates.set(c.taskId, { ...c, reason: 'overdue' })
      }
      const periods = lastOverduePeriods(asOf, plan.reportingDay, MISSED_PERIODS_FOR_L2)
      const missing = reportsMissing.all({ planId: plan.id, requiredSince: periodStart(periods[periods.length - 1]!), periods: JSON.stringify(periods) }) as { taskId: number; deadline: string | null }[]
      for (const m of missing) {
        const c = candidates.get(m.taskId)
        if (!c || c.level < 2) candidates.set(m.taskId, { taskId: m.taskId, deadline: m.deadline, level: 2, reason: 'reports_missing' })
      }

      const taskIds = [...new Set([...reminders.map((r) => r.taskId), ...candidates.keys()])]
      const units = taskUnitsOf(db, taskIds)
      const refs = taskRefsOf(db, taskIds)
      const unitsOf = (taskId: number) => units.get(taskId) ?? { lead: [], responsible: [], cooperating: [] }

      for (const r of reminders) {
        const task = refs.get(r.taskId)!
        const message = templates.deadlineReminder(task, r.days)
        const u = unitsOf(r.taskId)
        insert(`deadline_${r.days}d`, directory.unitContacts([...u.lead, ...u.responsible]).map((to) => notificationRow(message, to, {
          kind: 'deadline_reminder', taskId: r.taskId, dedupeKey: `reminder:${r.days}d:${r.taskId}:${r.deadline}:${to.email}`,
        })))
      }

      const opened = deps.escalations.open([...candidates.values()].map((c) => ({ taskId: c.taskId, level: c.level, deadline: c.deadline, openedOn: asOf, reason: c.reason })))
      openEscalationNotices(db, calendar, opened, asOf) // 督办单 for each new L2
      for (const e of opened) {
        result.escalations[`l${e.level}`]++
        const task = refs.get(e.taskId)!
        const message = templates.escalation(task, { level: e.level, reason: e.reason, workingDaysOverdue: e.deadline ? workingDaysOverdue(e.deadline, asOf, calendar) : 0 })
        insert(null, LEVEL_RECIPIENTS[e.level](directory, unitsOf(e.taskId).lead).map((to) => notificationRow(message, to, {
          kind: `escalation_l${e.level}`, taskId: e.taskId, escalationId: e.id, dedupeKey: `escalation:${e.id}:${to.email}`,
        })))
      }

      const report = reportReminderDue(asOf, plan.reportingDay, calendar)
      if (report) {
        // One digest per unit listing its tasks without a report this period, not one message per task.
        const keyPrefix = `reminder:report:${plan.id}:${report.period}:`
        const done = new Set(reminded.all(keyPrefix, `${keyPrefix.slice(0, -1)};`).map((r) => r.unitId))
        for (const unitId of directory.unitsWithContacts()) {
          if (done.has(unitId)) continue
          const rows = unreported.all(unitId, plan.id, report.period, REPORT_DIGEST_LISTED)
          if (rows.length === 0) continue
          const message = templates.reportReminder({
            planTitle: plan.title, unitName: directory.unitName(unitId), period: report.period, dueOn: report.dueOn,
            total: rows[0]!.total, tasks: rows.map(({ total: _total, ...r }) => ({ ...r, planTitle: plan.title })),
          })
          insert('report', directory.unitContacts([unitId]).map((to) => notificationRow(message, to, {
            kind: 'report_reminder', dedupeKey: `${keyPrefix}${unitId}:${to.email}`,
          })))
        }
      }
    }
    insert(null, escalateOverdueNotices(db, directory, asOf)) // 督办单 unanswered past reply-by: L3
    result.notifications = notificationIds.length
    recordAudit(tx, { actorId: null, action: 'scan.daily', entityType: 'daily_scan', entityId: Number(asOf.replaceAll('-', '')), after: result })
  }, { behavior: 'immediate' })
  return { result, notificationIds }
}
