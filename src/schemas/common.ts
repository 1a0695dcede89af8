import { Type, type Static, type TSchema } from 'typebox'
import { DATE_MAX, DATE_MIN, YEAR_MAX, YEAR_MIN } from '../domain/dates.js'

/** The largest id a request may name (SQLite rowids of this service stay far below it). */
export const ID_MAX = 2_147_483_647

/** A reference to a shared schema registered with `$id`; keeps its static type for handlers. */
export function ref<T extends TSchema>(schema: T) {
  const id = (schema as { $id?: unknown }).$id
  if (typeof id !== 'string') throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>({ $ref: `${id}#` })
}

/**
 * A nullable primitive as `type: [T, 'null']` rather than `anyOf`: fast-json-stringify serialises `anyOf`
 * by validating every branch for every value, which dominated the cost of task lists.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const { type, ...rest } = schema as unknown as { type: string }
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] })
}

/**
 * A calendar date YYYY-MM-DD (Asia/Shanghai) that exists, between DATE_MIN and DATE_MAX. Format `date` is
 * checked by the app's validator (src/schemas/formats.ts), so no route can accept 2026-02-30 or 9999-12-31.
 */
export const IsoDate = Type.String({ format: 'date', maxLength: 10, description: `Calendar date YYYY-MM-DD (Asia/Shanghai), ${DATE_MIN} … ${DATE_MAX}` })
/** A month YYYY-MM in the same years (format `month`, src/schemas/formats.ts). */
export const IsoMonth = Type.String({ format: 'month', maxLength: 7, description: `Month YYYY-MM, ${DATE_MIN.slice(0, 7)} … ${DATE_MAX.slice(0, 7)}` })
/** A year the service deals in. */
export const Year = Type.Integer({ minimum: YEAR_MIN, maximum: YEAR_MAX })
/** A row id. Bounded: the query parser turns `1e400` into Infinity, which must never reach a handler. */
export const Id = Type.Integer({ minimum: 1, maximum: ID_MAX })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
/** A page size: 1 … max, `fallback` when absent. */
export const Limit = (max: number, fallback: number) => Type.Integer({ minimum: 1, maximum: max, default: fallback })

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ in: Type.String(), field: Type.String(), detail: Type.String() }))),
}, { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' })

const problem = ref(ProblemSchema)

/** Response entries for the problems a route can answer with. */
export function problems(...codes: number[]) {
  const out: Record<number, typeof problem> = {}
  for (const c of [401, 429, 500, ...codes]) out[c] = problem
  return out
}

export const IdRef = Type.Object({ id: Type.Integer(), name: Type.String() }, { $id: 'IdName', additionalProperties: false })
