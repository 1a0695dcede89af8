import { asc, eq } from 'drizzle-orm'
import { calendarOverrides } from '../db/schema/index.js'
import { createCalendar, type OverrideKind, type WorkingCalendar } from '../domain/calendar.js'
import { recordAudit } from './audit.js'
import type { Db } from './db-types.js'

/** The working-day calendar in force: the package's data plus the admin's overrides, rebuilt when they change. */
export function createCalendarRepository(db: Db, onChange: (calendar: WorkingCalendar) => void = () => {}) {
  let current: WorkingCalendar | undefined
  const load = () => {
    const rows = db.select().from(calendarOverrides).all()
    return createCalendar(new Map(rows.map((r) => [r.date, r.kind as OverrideKind])))
  }
  return {
    calendar(): WorkingCalendar {
      current ??= load()
      return current
    },
    list() {
      return db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date)).all()
    },
    /** Enters several days at once (e.g. next year's State Council schedule) in one transaction. */
    put(days: { date: string; kind: OverrideKind; note?: string }[], actorId: number) {
      const rows = db.transaction((tx) => days.map(({ date, kind, note = '' }) => {
        const before = tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date)).get()
        const after = tx.insert(calendarOverrides).values({ date, kind, note, createdBy: actorId })
          .onConflictDoUpdate({ target: calendarOverrides.date, set: { kind, note, createdBy: actorId } }).returning().get()
        recordAudit(tx, { actorId, action: 'calendar.override.put', entityType: 'calendar_override', entityId: Number(date.replaceAll('-', '')), before, after })
        return after
      }))
      current = load()
      onChange(current)
      return rows
    },
    remove(date: string, actorId: number): boolean {
      const removed = db.transaction((tx) => {
        const before = tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, date)).get()
        if (!before) return false
        tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).run()
        recordAudit(tx, { actorId, action: 'calendar.override.delete', entityType: 'calendar_override', entityId: Number(date.replaceAll('-', '')), before })
        return true
      })
      if (removed) {
        current = load()
        onChange(current)
      }
      return removed
    },
  }
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>
