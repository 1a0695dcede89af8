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
