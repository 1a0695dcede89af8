import type { Composed } from '../src/mail/templates.js'
import type { NewNotification } from '../src/repositories/notifications.js'
import type { Recipient } from './directory.js'

/** A notification row: one composed message to one recipient, on one occasion (its dedupe key). */
export function notificationRow(message: Composed, to: Recipient, about: Omit<NewNotification, 'recipientEmail' | 'unitId' | 'userId' | 'subject' | 'bodyText' | 'bodyHtml'>): NewNotification {
  return {
    ...about, recipientEmail: to.email, unitId: to.unitId ?? null, userId: to.userId ?? null,
    subject: message.subject, bodyText: message.text, bodyHtml: message.html,
  }
}
