import type { Db } from './db-types.js'
import { createAuditRepository } from './audit.js'
import { createCalendarRepository } from './calendar.js'
import { createFilesRepository } from './files.js'
import { createInstructionsRepository } from './instructions.js'
import { createLightsRepository } from './lights.js'
import { createNoticesRepository } from './notices.js'
import { createPlansRepository } from './plans.js'
import { createTasksRepository } from './tasks.js'
import { createUnitsRepository } from './units.js'
import { createUsersRepository } from './users.js'
import { createSessionsRepository } from './sessions.js'

/** Every repository over one database, wired to each other. */
export function createRepositories(db: Db, today: () => string, now: () => Date = () => new Date()) {
  const units = createUnitsRepository(db)
  const users = createUsersRepository(db, units)
  const calendar = createCalendarRepository(db, (cal) => db.transaction((tx) => {
    tasks.recomputeYellowFrom(tx, cal)
    lights.recompute('all', today())
  }))
  const lights = createLightsRepository(db, { calendar: () => calendar.calendar() })
  const plans = createPlansRepository(db, {
    lightRulesChanged: (tx, planId) => {
      tasks.recomputeYellowFrom(tx, calendar.calendar(), planId)
      lights.recompute({ planId }, today())
    },
  })
  const files = createFilesRepository(db, { tasks: () => tasks, now })
  const tasks = createTasksRepository(db, { units, plans, files, lights, calendar: () => calendar.calendar(), today })
  const audit = createAuditRepository(db)
  const sessions = createSessionsRepository(db)
  const supervision = { tasks, files, calendar: () => calendar.calendar(), clock: now, today }
  const notices = createNoticesRepository(db, supervision)
  const instructions = createInstructionsRepository(db, supervision)
  return { units, users, calendar, lights, plans, tasks, audit, sessions, files, notices, instructions }
}
export type Repositories = ReturnType<typeof createRepositories>
