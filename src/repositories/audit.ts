import { and, asc, eq, gt } from 'drizzle-orm'
import { auditEntries } from '../db/schema/index.js'
import type { Db, DbOrTx } from './db-types.js'

export interface AuditInput {
  actorId: number | null
  action: string
  entityType: string
  entityId: number
  before?: unknown
  after?: unknown
}

/** 全程留痕: called inside the transaction that makes the change. */
export function recordAudit(tx: DbOrTx, entry: AuditInput): void {
  tx.insert(auditEntries).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null }).run()
}

/**
 * recordAudit for hot write paths (report submissions, a thousand a second): the same row, through a statement
 * prepared once instead of a query built per call. Call it inside the transaction that makes the change.
 */
export function createAuditRecorder(db: Db): (entry: AuditInput) => void {
  const insert = db.$client.prepare('INSERT INTO audit_entries (actor_id, action, entity_type, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)')
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value))
  return (entry) => {
    insert.run(entry.actorId, entry.action, entry.entityType, entry.entityId, json(entry.before), json(entry.after))
  }
}

export function createAuditRepository(db: Db) {
  return {
    list(filter: { entityType?: string; entityId?: number; afterId?: number; limit: number }) {
      const where = and(
        filter.entityType ? eq(auditEntries.entityType, filter.entityType) : undefined,
        filter.entityId ? eq(auditEntries.entityId, filter.entityId) : undefined,
        filter.afterId ? gt(auditEntries.id, filter.afterId) : undefined,
      )
      return db.select().from(auditEntries).where(where).orderBy(asc(auditEntries.id)).limit(filter.limit).all()
    },
  }
}
export type AuditRepository = ReturnType<typeof createAuditRepository>
