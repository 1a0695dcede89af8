import { asc, eq, gt, sql } from 'drizzle-orm'
import { plans, sections } from '../db/schema/index.js'
import { conflict, notFound, unprocessable } from '../http/problem.js'
import { recordAudit } from './audit.js'
import type { Db, Tx } from './db-types.js'

export type Plan = typeof plans.$inferSelect
export type Section = typeof sections.$inferSelect
export type PlanInput = Omit<typeof plans.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>

/** The plan's settings a task's light depends on. */
const LIGHT_RULES = ['endYear', 'reportingDay', 'yellowDays', 'behindTolerance'] as const

const isUnique = (err: unknown) => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'

function checkPeriod(p: { startYear: number; endYear: number }) {
  if (p.endYear < p.startYear) throw unprocessable('The plan ends before it starts.', [{ in: 'body', field: 'endYear', detail: 'must not be before startYear' }])
}

export function createPlansRepository(db: Db, hooks: { lightRulesChanged(tx: Tx, planId: number): void }) {
  const get = (id: number): Plan | undefined => db.select().from(plans).where(eq(plans.id, id)).get()
  return {
    get,
    list(filter: { afterId?: number; limit: number }): Plan[] {
      return db.select().from(plans).where(filter.afterId ? gt(plans.id, filter.afterId) : undefined).orderBy(asc(plans.id)).limit(filter.limit).all()
    },
    create(input: PlanInput, actorId: number): Plan {
      checkPeriod(input)
      try {
        return db.transaction((tx) => {
          const row = tx.insert(plans).values(input).returning().get()
          recordAudit(tx, { actorId, action: 'plan.create', entityType: 'plan', entityId: row.id, after: row })
          return row
        })
      } catch (err) {
        if (isUnique(err)) throw conflict(`A plan with document number ${input.docNumber} already exists.`)
        throw err
      }
    },
    update(id: number, patch: Partial<PlanInput>, actorId: number): Plan {
      const before = get(id)
      if (!before) throw notFound(`Plan ${id}`)
      checkPeriod({ ...before, ...patch })
      try {
        return db.transaction((tx) => {
          const after = tx.update(plans).set({ ...patch, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` }).where(eq(plans.id, id)).returning().get()!
          if (LIGHT_RULES.some((k) => after[k] !== before[k])) hooks.lightRulesChanged(tx, id)
          recordAudit(tx, { actorId, action: 'plan.update', entityType: 'plan', entityId: id, before, after })
          return after
        })
      } catch (err) {
        if (isUnique(err)) throw conflict(`A plan with document number ${patch.docNumber} already exists.`)
        throw err
      }
    },
    sections(planId: number): Section[] {
      return db.select().from(sections).where(eq(sections.planId, planId)).orderBy(asc(sections.position), asc(sections.id)).all()
    },
    addSection(planId: number, input: { number: string; title: string; position?: number }, actorId: number): Section {
      if (!get(planId)) throw notFound(`Plan ${planId}`)
      try {
        return db.transaction((tx) => {
          const row = tx.insert(sections).values({ planId, ...input }).returning().get()
          recordAudit(tx, { actorId, action: 'section.create', entityType: 'section', entityId: row.id, after: row })
          return row
        })
      } catch (err) {
        if (isUnique(err)) throw conflict(`Plan ${planId} already has a section numbered ${input.number}.`)
        throw err
      }
    },
  }
}
export type PlansRepository = ReturnType<typeof createPlansRepository>
