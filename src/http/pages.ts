import { Type } from 'typebox'
import { Limit } from '../schemas/common.js'
import { badRequest } from './problem.js'

/** Id-ordered pages for small registries (units, users, plans): the cursor is the last id seen. */
export const PageQuery = {
  limit: Limit(500, 100),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 12 })),
}

export function afterIdOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined
  const n = Number(cursor)
  if (!Number.isSafeInteger(n)) throw badRequest('cursor is not one this API issued.', [{ in: 'querystring', field: 'cursor', detail: 'is malformed' }])
  return n
}

export function pageOf<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  return { items: rows, nextCursor: rows.length === limit ? String(rows[rows.length - 1]!.id) : null }
}
