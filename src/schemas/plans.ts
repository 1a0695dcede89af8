import { Type } from 'typebox'
import { IsoDate, Nullable, Year } from './common.js'

export const PlanSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  docNumber: Nullable(Type.String()),
  issuer: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  startYear: Type.Integer(),
  endYear: Type.Integer(),
  reportingDay: Type.Integer(),
  yellowDays: Type.Integer(),
  behindTolerance: Type.Integer({ description: 'Percentage points a yearly target may trail its expected-to-date before the light turns yellow' }),
  escalationL2Days: Type.Integer(),
  escalationL3Days: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { $id: 'Plan', additionalProperties: false })

export const SectionSchema = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
}, { $id: 'Section', additionalProperties: false })

export const PlanCreateBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  docNumber: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  issuer: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  issuedOn: Type.Optional(Nullable(IsoDate)),
  startYear: Year,
  endYear: Year,
  reportingDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 28 })),
  yellowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  behindTolerance: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  escalationL2Days: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
  escalationL3Days: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
}, { additionalProperties: false })

export const PlanPatchBody = Type.Partial(PlanCreateBody, { additionalProperties: false, minProperties: 1 })

export const SectionCreateBody = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 20 }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
}, { additionalProperties: false })
