import type { summaries } from '../db/schema/index.js'
import type { SummaryKind } from '../domain/summaries/period.js'
import type { Db } from './db-types.js'

export type SummaryRow = typeof summaries.$inferSelect
export type SummaryMeta = Omit<SummaryRow, 'content'>
/** `contentJson`: the content's JSON as UTF-8, stored as text. */
export type NewSummary = Omit<SummaryMeta, 'id'> & { contentJson: Buffer }

export interface SummaryFilter {
  planId?: number
  kind?: SummaryKind
  period?: string
  /** Only these kinds (a unit user reads the circulated notices, not the office's monthly dispatch). */
  kinds?: readonly SummaryKind[]
  /** Newest first: ids below this one. */
  beforeId?: number
  limit: number
}

const META_COLUMNS = `id, kind, plan_id AS planId, period, title, content_hash AS contentHash, generated_at AS generatedAt, generated_by AS generatedBy`
/** The page cache (KiB, as `PRAGMA cache_size` takes it negated) a summary is stored through. */
const WRITE_CACHE_SIZE = -2048
// The row in force for its kind, plan and period: the newest.
const IS_LATEST = 's.id = (SELECT MAX(x.id) FROM summaries x WHERE x.plan_id = s.plan_id AND x.kind = s.kind AND x.period = s.period)'

/** Generated summaries: the newest per kind, plan and period is in force; older rows stay readable by id. */
export function createSummariesRepository(db: Db) {
  const client = db.$client
  const insert = client.prepare<NewSummary, { id: number }>(`INSERT INTO summaries (kind, plan_id, period, title, content, content_hash, generated_at, generated_by)
    VALUES (@kind, @planId, @period, @title, CAST(@contentJson AS TEXT), @contentHash, @generatedAt, @generatedBy) RETURNING id`)
  const latest = client.prepare<[number, SummaryKind, string], SummaryMeta>(`SELECT ${META_COLUMNS} FROM summaries WHERE plan_id = ? AND kind = ? AND period = ? ORDER BY id DESC LIMIT 1`)
  const byId = client.prepare<[number], SummaryMeta & { content: string }>(`SELECT ${META_COLUMNS}, content FROM summaries WHERE id = ?`)
  /** The summary with its content as the JSON text stored: to send on without parsing tens of megabytes. */
  const getText = (id: number) => byId.get(id)
  return {
    /** Stores content already serialised (and hashed) by the caller; call it inside the caller's transaction. */
    insert(row: NewSummary): number {
      // Written through the connection's page cache, tens of megabytes of content would fill it and stay there.
      const cacheSize = client.pragma('cache_size', { simple: true }) as number
      client.pragma(`cache_size = ${WRITE_CACHE_SIZE}`)
      try {
        return insert.get(row)!.id
      } finally {
        client.pragma(`cache_size = ${cacheSize}`)
      }
    },
    /** The summary in force for kind, plan and period, without its content. */
    latest: (kind: SummaryKind, planId: number, period: string): SummaryMeta | undefined => latest.get(planId, kind, period),
    get(id: number): SummaryRow | undefined {
      const row = getText(id)
      return row && { ...row, content: JSON.parse(row.content) }
    },
    getText,
    /** The summaries in force, newest first. */
    list(filter: SummaryFilter): SummaryMeta[] {
      const where = [IS_LATEST]
      const params: Record<string, unknown> = { limit: filter.limit }
      if (filter.planId !== undefined) { where.push('s.plan_id = @planId'); params.planId = filter.planId }
      if (filter.kind) { where.push('s.kind = @kind'); params.kind = filter.kind }
      if (filter.period) { where.push('s.period = @period'); params.period = filter.period }
      if (filter.kinds) { where.push('s.kind IN (SELECT value FROM json_each(@kinds))'); params.kinds = JSON.stringify(filter.kinds) }
      if (filter.beforeId !== undefined) { where.push('s.id < @beforeId'); params.beforeId = filter.beforeId }
      return client.prepare(`SELECT ${META_COLUMNS} FROM summaries s WHERE ${where.join(' AND ')} ORDER BY s.id DESC LIMIT @limit`).all(params) as SummaryMeta[]
    },
  }
}
export type SummariesRepository = ReturnType<typeof createSummariesRepository>
