import { Type, type Static, type TSchema } from 'typebox'

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

export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date YYYY-MM-DD (Asia/Shanghai)' })
export const Id = Type.Integer({ minimum: 1 })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })

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
