import type { Job } from 'bullmq'
import type { WorkingCalendar } from '../../src/domain/calendar.js'
import { enqueueSends } from '../../src/queues/enqueue-sends.js'
import type { Queues } from '../../src/queues/queues.js'
import type { Db } from '../../src/db/client.js'
import type { EscalationsRepository } from '../../src/repositories/escalations.js'
import type { NotificationsRepository } from '../../src/repositories/notifications.js'
import { runDailyScan, type DailyScanResult } from '../daily-scan.js'
import { jobDate } from './scheduled-date.js'

export interface ScanProcessorDeps {
  db: Db
  queues: Queues
  notifications: NotificationsRepository
  escalations: EscalationsRepository
  /** The calendar as the database holds it now (an admin may have changed it since start). */
  calendar: () => WorkingCalendar
  today: () => string
}

/** The daily scan: writes reminders and escalations in one transaction, then puts their mail on the queue. */
export function scanProcessor(deps: ScanProcessorDeps) {
  return async (job: Job<{ asOf?: string; scheduled?: boolean }>): Promise<DailyScanResult> => {
    const { result, notificationIds } = runDailyScan({ ...deps, calendar: deps.calendar() }, jobDate(job, deps.today))
    await enqueueSends(deps.queues.mail, deps.notifications, notificationIds)
    return result
  }
}
