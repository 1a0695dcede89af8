import type { Db } from '../src/db/client.js'
import type { TaskUnitRole } from '../src/db/schema/index.js'
import type { Light, LightReason } from '../src/domain/lights.js'
import type { TaskRef } from '../src/mail/templates.js'

/** One addressee of a notification: an e-mail and the unit or user it belongs to. */
export interface Recipient {
  email: string
  unitId?: number
  userId?: number
}

export type StaffRole = 'office' | 'supervisor' | 'leader'
export type TaskUnits = Record<TaskUnitRole, number[]>

/**
 * Who receives what: units' contact addresses, staff users by role, and tasks' units by role —
 * read once per batch, so a scan over many tasks asks the database a few questions, not one per task.
 */
export function loadDirectory(db: Db) {
  const client = db.$client
  const units = new Map<number, { name: string; emails: string[] }>()
  for (const u of client.prepare('SELECT id, name, contact_emails AS emails FROM units').all() as { id: number; name: string; emails: string }[]) {
    units.set(u.id, { name: u.name, emails: JSON.parse(u.emails) as string[] })
  }
  const staff: Record<StaffRole, Recipient[]> = { office: [], supervisor: [], leader: [] }
  const users = client.prepare("SELECT id, email, role FROM users WHERE role IN ('office', 'supervisor', 'leader') AND email IS NOT NULL AND email <> '' ORDER BY id")
    .all() as { id: number; email: string; role: StaffRole }[]
  for (const u of users) staff[u.role].push({ email: u.email, userId: u.id })

  return {
    unitName: (id: number) => units.get(id)?.name ?? `单位${id}`,
    /** The contact addresses of these units, each address once. */
    unitContacts(unitIds: readonly number[]): Recipient[] {
      return distinct(unitIds.flatMap((unitId) => (units.get(unitId)?.emails ?? []).map((email) => ({ email, unitId }))))
    },
    staff: (role: StaffRole): Recipient[] => staff[role],
    /** Units with at least one contact address, by id. */
    unitsWithContacts: (): number[] => [...units.entries()].filter(([, u]) => u.emails.length > 0).map(([id]) => id),
    /** Every unit's contacts (quarterly and annual notices go to all of them). */
    allUnitContacts: (): Recipient[] => distinct([...units.entries()].flatMap(([unitId, u]) => u.emails.map((email) => ({ email, unitId })))),
  }
}
export type Directory = ReturnType<typeof loadDirectory>

/** Each address once, keeping the first unit or user it came with. */
export function distinct(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>()
  return recipients.filter((r) => {
    const key = r.email.trim().toLowerCase()
    if (!key || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The units of each task by role, in the document's order. */
export function taskUnitsOf(db: Db, taskIds: readonly number[]): Map<number, TaskUnits> {
  const out = new Map<number, TaskUnits>()
  if (taskIds.length === 0) return out
  const rows = db.$client.prepare(`SELECT task_id AS taskId, unit_id AS unitId, role FROM task_units
    WHERE task_id IN (SELECT value FROM json_each(?)) ORDER BY task_id, position`).all(JSON.stringify(taskIds)) as { taskId: number; unitId: number; role: TaskUnitRole }[]
  for (const r of rows) {
    let units = out.get(r.taskId)
    if (!units) out.set(r.taskId, (units = { lead: [], responsible: [], cooperating: [] }))
    units[r.role].push(r.unitId)
  }
  return out
}

/** Tasks as messages name them (number, title, the deadline held to, plan). */
export function taskRefsOf(db: Db, taskIds: readonly number[]): Map<number, TaskRef> {
  if (taskIds.length === 0) return new Map()
  const rows = db.$client.prepare(`SELECT t.id, t.number, t.title, coalesce(t.deadline, t.effective_deadline) AS deadline,
    CASE WHEN t.deadline IS NULL THEN t.deadline_source ELSE 'task' END AS deadlineSource, p.title AS planTitle, t.light, t.light_reasons AS reasons
    FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(taskIds)) as (TaskRef & { light: Light; reasons: string })[]
  return new Map(rows.map(({ light, reasons, ...r }) => [r.id, { ...r, light: { light, reasons: JSON.parse(reasons) as LightReason[] } }]))
}
