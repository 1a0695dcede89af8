import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { plans, sections, targets, taskUnits, tasks, type TaskUnitRole } from '../db/schema/index.js'
import { unprocessable } from '../http/problem.js'
import { recordAudit } from '../repositories/audit.js'
import type { Db, Tx } from '../repositories/db-types.js'
import type { TargetInput, TaskPatch, TasksRepository } from '../repositories/tasks.js'
import type { UnitsRepository } from '../repositories/units.js'
import { zeroCounts, type Counts, type ImportDocument, type ImportTarget, type ImportTask, type PlanFields } from './import-document.js'
import { createUnitResolver, type UnitResolution, type UnitResolver, type UnitSuggestion } from './unit-resolver.js'

export type ImportSource = 'plan-text' | 'plan-file' | 'ledger'

export interface ImportOutcome {
  dryRun: boolean
  /** The plan written; on a dry run the plan that would be updated, or null when one would be created. */
  planId: number | null
  created: Counts
  updated: Counts
  /** unitId is null on a dry run for units that would be created. */
  units: (Omit<UnitResolution, 'unitId'> & { unitId: number | null })[]
  suggestions: (Omit<UnitSuggestion, 'unitId' | 'suggestedUnit'> & { unitId?: number; suggestedUnit: { id: number | null; name: string } })[]
  warnings: string[]
}

/** A commit's outcome with every id known, and which of the units it created. */
interface Applied extends Omit<ImportOutcome, 'units' | 'suggestions' | 'planId'> {
  planId: number
  units: UnitResolution[]
  suggestions: UnitSuggestion[]
  createdUnitIds: Set<number>
}

type PlanRow = typeof plans.$inferSelect
type TargetRow = typeof targets.$inferSelect

const ROLE_LABEL: Record<TaskUnitRole, string> = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位' }
const DRY_RUN = Symbol('dry run')
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`

const dueOf = (t: { year: number; dueOn: string | null }) => t.dueOn ?? `${t.year}-12-31`
const targetKey = (t: { year: number; description: string }) => `${t.year}\u0000${t.description}`
const sameTarget = (a: ImportTarget, b: TargetRow) => a.value === b.value && a.measure === b.measure && dueOf(a) === b.dueOn
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i])

function targetChanges(next: ImportTarget[], old: TargetRow[]): { created: number; updated: number; same: boolean } {
  const before = new Map(old.map((t) => [targetKey(t), t]))
  let created = 0
  let updated = 0
  for (const t of next) {
    const was = before.get(targetKey(t))
    if (!was) created++
    else if (!sameTarget(t, was)) updated++
  }
  const same = next.length === old.length && next.every((t, i) => targetKey(t) === targetKey(old[i]!) && sameTarget(t, old[i]!))
  return { created, updated, same }
}

function groupByTask<T extends { taskId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const row of rows) {
    const list = out.get(row.taskId)
    if (list) list.push(row)
    else out.set(row.taskId, [row])
  }
  return out
}

const toTargetInput = (t: ImportTarget): TargetInput => ({ year: t.year, description: t.description, value: t.value, measure: t.measure, dueOn: dueOf(t) })

/**
 * The import service: writes an ImportDocument in one transaction. The plan is found by id, by
 * 文号 or by title and period, else created; sections and tasks are upserted by number; units are
 * resolved by name and alias or created as written. Importing the same document again changes nothing.
 */
export function createPlanImporter(db: Db, repos: { units: UnitsRepository; tasks: TasksRepository }) {
  function findPlan(tx: Tx, f: PlanFields): PlanRow | undefined {
    if (f.docNumber) {
      const byNumber = tx.select().from(plans).where(eq(plans.docNumber, f.docNumber)).get()
      if (byNumber) return byNumber
    }
    return tx.select().from(plans).where(and(
      eq(plans.title, f.title), eq(plans.startYear, f.startYear), eq(plans.endYear, f.endYear),
      // A plan with another 文号 is another plan, even under the same title.
      f.docNumber ? isNull(plans.docNumber) : undefined,
    )).orderBy(asc(plans.id)).get()
  }

  function upsertPlan(tx: Tx, doc: ImportDocument, actorId: number | null, created: Counts, updated: Counts): PlanRow {
    if ('id' in doc.plan) {
      const row = tx.select().from(plans).where(eq(plans.id, doc.plan.id)).get()
      if (!row) throw unprocessable(`Plan ${doc.plan.id} does not exist.`, [{ in: 'body', field: 'planId', detail: 'no such plan' }])
      return row
    }
    const f = doc.plan.fields
    if (f.endYear < f.startYear) throw unprocessable('The plan ends before it starts.', [{ in: 'body', field: 'endYear', detail: 'must not be before startYear' }])
    const before = findPlan(tx, f)
    const values = {
      title: f.title, docNumber: f.docNumber ?? before?.docNumber ?? null, startYear: f.startYear, endYear: f.endYear,
      issuer: f.issuer === undefined ? before?.issuer ?? null : f.issuer,
      issuedOn: f.issuedOn === undefined ? before?.issuedOn ?? null : f.issuedOn,
    }
    if (!before) {
      const row = tx.insert(plans).values(values).returning().get()
      recordAudit(tx, { actorId, action: 'plan.create', entityType: 'plan', entityId: row.id, after: row })
      created.plans++
      return row
    }
    const changed = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== before[k])
    if (!changed) return before
    const after = tx.update(plans).set({ ...values, updatedAt: now }).where(eq(plans.id, before.id)).returning().get()!
    recordAudit(tx, { actorId, action: 'plan.update', entityType: 'plan', entityId: before.id, before, after })
    updated.plans++
    return after
  }

  function upsertSections(tx: Tx, planId: number, doc: ImportDocument, actorId: number | null, created: Counts, updated: Counts): Map<string, number> {
    const existing = new Map(tx.select().from(sections).where(eq(sections.planId, planId)).all().map((s) => [s.number, s]))
    doc.sections?.forEach((s, position) => {
      const before = existing.get(s.number)
      if (!before) {
        const row = tx.insert(sections).values({ planId, number: s.number, title: s.title, position }).returning().get()
        recordAudit(tx, { actorId, action: 'section.create', entityType: 'section', entityId: row.id, after: row })
        existing.set(row.number, row)
        created.sections++
      } else if (before.title !== s.title || before.position !== position) {
        const after = tx.update(sections).set({ title: s.title, position }).where(eq(sections.id, before.id)).returning().get()!
        recordAudit(tx, { actorId, action: 'section.update', entityType: 'section', entityId: before.id, before, after })
        existing.set(after.number, after)
        updated.sections++
      }
    })
    return new Map([...existing].map(([number, s]) => [number, s.id]))
  }

  /** Unit ids by role: a unit named twice on a task keeps its first role (lead, responsible, cooperating). */
  function taskUnitIds(t: ImportTask, resolver: UnitResolver, warnings: string[]) {
    const seen = new Map<number, TaskUnitRole>()
    const ids: Record<TaskUnitRole, number[]> = { lead: [], responsible: [], cooperating: [] }
    const lists: [TaskUnitRole, string[]][] = [['lead', t.leadUnits], ['responsible', t.responsibleUnits], ['cooperating', t.cooperatingUnits]]
    for (const [role, names] of lists) {
      for (const name of names.map((n) => n.trim()).filter(Boolean)) {
        const id = resolver.resolve(name)
        const first = seen.get(id)
        if (first === undefined) {
          seen.set(id, role)
          ids[role].push(id)
        } else if (first !== role) {
          warnings.push(`任务 ${t.number}:${name} 同时列为${ROLE_LABEL[first]}和${ROLE_LABEL[role]},保留为${ROLE_LABEL[first]}`)
        }
      }
    }
    return ids
  }

  function apply(tx: Tx, doc: ImportDocument, actorId: number | null, source: ImportSource): Applied {
    const created = zeroCounts()
    const updated = zeroCounts()
    const warnings = [...doc.warnings]
    const plan = upsertPlan(tx, doc, actorId, created, updated)
    const sectionIds = upsertSections(tx, plan.id, doc, actorId, created, updated)
    const resolver = createUnitResolver(tx, repos.units, actorId)
    const existing = new Map(tx.select().from(tasks).where(eq(tasks.planId, plan.id)).all().map((t) => [t.number, t]))
    const unitsByTask = groupByTask(tx.select({ taskId: taskUnits.taskId, unitId: taskUnits.unitId, role: taskUnits.role, inferred: taskUnits.inferred })
      .from(taskUnits).innerJoin(tasks, eq(tasks.id, taskUnits.taskId)).where(eq(tasks.planId, plan.id))
      .orderBy(asc(taskUnits.taskId), asc(taskUnits.position)).all())
    const targetsByTask = groupByTask(tx.select({ target: targets }).from(targets).innerJoin(tasks, eq(tasks.id, targets.taskId))
      .where(eq(tasks.planId, plan.id)).orderBy(asc(targets.taskId), asc(targets.id)).all().map((r) => r.target))
    const seenNumbers = new Set<string>()

    for (const t of doc.tasks) {
      if (seenNumbers.has(t.number)) {
        warnings.push(`任务 ${t.number}:编号重复,只导入第一条`)
        continue
      }
      seenNumbers.add(t.number)
      const unitIds = taskUnitIds(t, resolver, warnings)
      let sectionId: number | null | undefined
      if (t.section !== undefined) {
        sectionId = t.section === null ? null : sectionIds.get(t.section)
        if (sectionId === undefined) {
          warnings.push(`任务 ${t.number}:没有编号为 ${t.section} 的章节`)
          sectionId = null
        }
      }
      const before = existing.get(t.number)
      if (!before) {
        repos.tasks.insertTask(tx, plan.id, {
          number: t.number, title: t.title, description: t.description, sectionId: sectionId ?? null, deadline: t.deadline ?? null,
          leadUnitIds: unitIds.lead, responsibleUnitIds: unitIds.responsible, cooperatingUnitIds: unitIds.cooperating,
          leadInferred: t.leadInferred ?? false, targets: (t.targets ?? []).map(toTargetInput),
        }, actorId)
        created.tasks++
        created.targets += t.targets?.length ?? 0
        continue
      }

      const patch: TaskPatch = {}
      if (t.title !== before.title) patch.title = t.title
      if (t.description !== before.description) patch.description = t.description
      if (sectionId !== undefined && sectionId !== before.sectionId) patch.sectionId = sectionId
      if (t.deadline !== undefined && t.deadline !== before.deadline) {
        if (before.status === 'draft') patch.deadline = t.deadline
        else warnings.push(`任务 ${t.number}:已交办的任务只能经延期申请改变完成时限,保留 ${before.deadline ?? '无'}`)
      }
      const current = unitsByTask.get(before.id) ?? []
      const currentIds = (role: TaskUnitRole) => current.filter((u) => u.role === role).map((u) => u.unitId)
      const currentInferred = current.some((u) => u.role === 'lead' && u.inferred)
      const leadSame = sameList(unitIds.lead, currentIds('lead'))
      const inferred = t.leadInferred ?? (leadSame ? currentInferred : false)
      if (!leadSame || !sameList(unitIds.responsible, currentIds('responsible')) || !sameList(unitIds.cooperating, currentIds('cooperating')) || inferred !== currentInferred) {
        Object.assign(patch, { leadUnitIds: unitIds.lead, responsibleUnitIds: unitIds.responsible, cooperatingUnitIds: unitIds.cooperating, leadInferred: inferred })
      }
      if (t.targets !== undefined) {
        const change = targetChanges(t.targets, targetsByTask.get(before.id) ?? [])
        if (!change.same) {
          patch.targets = t.targets.map(toTargetInput)
          created.targets += change.created
          updated.targets += change.updated
        }
      }
      if (Object.keys(patch).length > 0) {
        repos.tasks.update(before.id, patch, actorId)
        updated.tasks++
      }
    }

    const absent = [...existing.keys()].filter((n) => !seenNumbers.has(n))
    if (absent.length > 0) {
      const shown = absent.slice(0, 20).join('、')
      warnings.push(`计划中另有 ${absent.length} 项任务不在本次导入的文件中,保留未动:${shown}${absent.length > 20 ? '…' : ''}`)
    }
    const units = resolver.resolutions()
    const createdUnitIds = new Set(units.filter((u) => u.via === 'created').map((u) => u.unitId))
    created.units = createdUnitIds.size
    recordAudit(tx, { actorId, action: 'plan.import', entityType: 'plan', entityId: plan.id, after: { source, created, updated, warnings } })
    return {
      dryRun: false, planId: plan.id, created, updated, units, suggestions: resolver.suggestions(), warnings, createdUnitIds,
    }
  }

  return {
    /** Writes the document in one transaction; any error leaves the database as it was. */
    commit(doc: ImportDocument, actorId: number | null, source: ImportSource): ImportOutcome {
      const { createdUnitIds: _, ...outcome } = db.transaction((tx) => apply(tx, doc, actorId, source))
      return outcome
    },

    /** Runs the same import and rolls it back: the counts, units and warnings a commit would give; ids of rows it would create are null. */
    dryRun(doc: ImportDocument, actorId: number | null, source: ImportSource): ImportOutcome {
      let result: Applied | undefined
      try {
        db.transaction((tx) => {
          result = apply(tx, doc, actorId, source)
          throw DRY_RUN
        })
      } catch (err) {
        if (err !== DRY_RUN) throw err
      }
      const { createdUnitIds, ...outcome } = result!
      const idOf = (id: number) => (createdUnitIds.has(id) ? null : id)
      return {
        ...outcome,
        dryRun: true,
        planId: outcome.created.plans > 0 ? null : outcome.planId,
        units: outcome.units.map((u) => ({ ...u, unitId: idOf(u.unitId) })),
        suggestions: outcome.suggestions.map(({ unitId: _, ...s }) => ({ ...s, suggestedUnit: { ...s.suggestedUnit, id: idOf(s.suggestedUnit.id) } })),
      }
    },
  }
}
export type PlanImporter = ReturnType<typeof createPlanImporter>
