import type { Db } from '../src/db/client.js'
import type { TaskUnitRole } from '../src/db/schema/index.js'
import type { EventPayloads } from '../src/domain/events.js'
import type { SummaryKind } from '../src/domain/summaries/period.js'
import * as templates from '../src/mail/templates.js'
import { isMailedEvent } from '../src/outbox-relay.js'
import type { NewNotification, NotificationsRepository } from '../src/repositories/notifications.js'
import { distinct, loadDirectory, taskRefsOf, taskUnitsOf, type Directory } from './directory.js'
import { notificationRow } from './notification-row.js'
import { supervisionRows } from './supervision-notifications.js'


export interface EventNotificationDeps {
  db: Db
  notifications: NotificationsRepository
  /** A generated summary's title; null when it no longer exists. */
  summaryTitle: (summaryId: number) => string | null
}

interface EventRow { id: number; type: string; taskId: number | null; payload: string }

/**
 * The notifications one outbox event calls for, inserted in one transaction; returns the new ids.
 * Dedupe keys name the event and the recipient, so handling an event twice adds nothing.
 */
export function notificationsForEvent(deps: EventNotificationDeps, eventId: number): number[] {
  const { db } = deps
  const event = db.$client.prepare('SELECT id, type, task_id AS taskId, payload FROM outbox_events WHERE id = ?').get(eventId) as EventRow | undefined
  if (!event || !isMailedEvent(event.type)) return []
  const payload = JSON.parse(event.payload) as Record<string, unknown>
  const directory = loadDirectory(db)
  const rows = event.type === 'summary.generated' ? summaryRows(deps, directory, event, payload)
    : /^(notice|instruction)\./.test(event.type) ? supervisionRows(db, directory, event, payload) : taskRows(db, directory, event, payload)
  return db.transaction(() => deps.notifications.insertMany(rows))
}

const key = (event: EventRow, email: string) => `event:${event.id}:${email}`

function taskRows(db: Db, directory: Directory, event: EventRow, payload: Record<string, unknown>): NewNotification[] {
  if (event.taskId === null) return []
  const task = taskRefsOf(db, [event.taskId]).get(event.taskId)
  const units = taskUnitsOf(db, [event.taskId]).get(event.taskId)
  if (!task || !units) return []
  const taskId = task.id
  if (event.type === 'task.dispatched') {
    // Each unit hears its own role; an address listed for two units hears the first.
    const roles: TaskUnitRole[] = ['lead', 'responsible', 'cooperating']
    const roleOfUnit = new Map(roles.flatMap((role) => units[role].map((unitId) => [unitId, role] as const)))
    const messages = new Map(roles.map((role) => [role, templates.taskDispatched(task, role)]))
    return directory.unitContacts(roles.flatMap((role) => units[role])).map((to) => notificationRow(
      messages.get(roleOfUnit.get(to.unitId!)!)!, to, { kind: 'task_dispatched', taskId, dedupeKey: key(event, to.email) }))
  }
  const contacts = directory.unitContacts([...units.lead, ...units.responsible])
  if (event.type === 'task.returned') {
    const p = payload as unknown as EventPayloads['task.returned']
    const message = templates.taskReturned(task, p.comment)
    return contacts.map((to) => notificationRow(message, to, { kind: 'task_returned', taskId, dedupeKey: key(event, to.email) }))
  }
  const p = payload as unknown as EventPayloads['extension.decided']
  const message = templates.extensionDecided(task, { approved: p.decision === 'approve', oldDeadline: p.oldDeadline, newDeadline: p.newDeadline, comment: p.comment })
  return contacts.map((to) => notificationRow(message, to, { kind: 'extension_decided', taskId, dedupeKey: key(event, to.email) }))
}

/** Monthly dispatch to the office and leaders; quarterly and annual notices to every unit and the leaders. */
function summaryRows(deps: EventNotificationDeps, directory: Directory, event: EventRow, payload: Record<string, unknown>): NewNotification[] {
  const { summaryId, kind } = payload as { summaryId: number; kind: SummaryKind }
  const title = deps.summaryTitle(summaryId)
  if (title === null) return []
  // The body is the summary itself, rendered once when the mail is sent, not stored per recipient.
  const message = { subject: templates.summarySubject(title), text: '', html: '' }
  const recipients = kind === 'monthly'
    ? [...directory.staff('office'), ...directory.staff('leader')]
    : [...directory.allUnitContacts(), ...directory.staff('leader')]
  return distinct(recipients).map((to) => notificationRow(message, to, { kind: 'summary', summaryId, dedupeKey: key(event, to.email) }))
}
