import { and, asc, eq, gt, inArray, like, or, sql } from 'drizzle-orm'
import { units, type UnitKind } from '../db/schema/index.js'
import { conflict, notFound, unprocessable } from '../http/problem.js'
import { recordAudit } from './audit.js'
import type { Db } from './db-types.js'

export interface UnitInput {
  name: string
  kind?: UnitKind
  aliases?: string[]
  contactEmails?: string[]
  parentId?: number | null
}

export type Unit = typeof units.$inferSelect

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export function createUnitsRepository(db: Db) {
  const get = (id: number): Unit | undefined => db.select().from(units).where(eq(units.id, id)).get()
  const requireParent = (parentId: number | null | undefined) => {
    if (parentId && !get(parentId)) throw unprocessable(`Unit ${parentId} does not exist.`, [{ in: 'body', field: 'parentId', detail: 'no such unit' }])
  }
  return {
    get,
    list(filter: { q?: string; kind?: UnitKind; afterId?: number; limit: number }): Unit[] {
      const pattern = filter.q ? `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined
      return db.select().from(units).where(and(
        pattern ? or(sql`${units.name} LIKE ${pattern} ESCAPE '\\'`, sql`${units.aliases} LIKE ${pattern} ESCAPE '\\'`) : undefined,
        filter.kind ? eq(units.kind, filter.kind) : undefined,
        filter.afterId ? gt(units.id, filter.afterId) : undefined,
      )).orderBy(asc(units.id)).limit(filter.limit).all()
    },
    /** Every unit's id, name and aliases, for comparing names across the registry. */
    names(): { id: number; name: string; aliases: string[] }[] {
      return db.select({ id: units.id, name: units.name, aliases: units.aliases }).from(units).all()
    },
    /** Ids among `ids` that are not registered units. */
    missing(ids: number[]): number[] {
      if (ids.length === 0) return []
      const found = new Set(db.select({ id: units.id }).from(units).where(inArray(units.id, ids)).all().map((r) => r.id))
      return [...new Set(ids)].filter((id) => !found.has(id))
    },
    create(input: UnitInput, actorId: number | null): Unit {
      requireParent(input.parentId)
      try {
        return db.transaction((tx) => {
          const row = tx.insert(units).values(input).returning().get()
          recordAudit(tx, { actorId, action: 'unit.create', entityType: 'unit', entityId: row.id, after: row })
          return row
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A unit named ${input.name} already exists.`)
        throw err
      }
    },
    update(id: number, patch: Partial<UnitInput>, actorId: number): Unit {
      const before = get(id)
      if (!before) throw notFound(`Unit ${id}`)
      if (patch.parentId === id) throw unprocessable('A unit cannot be its own parent.', [{ in: 'body', field: 'parentId', detail: 'is the unit itself' }])
      requireParent(patch.parentId)
      try {
        return db.transaction((tx) => {
          const after = tx.update(units).set({ ...patch, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` }).where(eq(units.id, id)).returning().get()
          recordAudit(tx, { actorId, action: 'unit.update', entityType: 'unit', entityId: id, before, after })
          return after!
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`A unit named ${patch.name} already exists.`)
        throw err
      }
    },
  }
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>
