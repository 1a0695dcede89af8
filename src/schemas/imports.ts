import { Type } from 'typebox'
import { LEDGER_FORMATS } from '../importing/ledger-files.js'
import { ID_MAX, Nullable, ref, Year } from './common.js'

export const ParsedPlanSchema = Type.Object({
  title: Type.String(),
  docNumber: Nullable(Type.String()),
  issuer: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  startYear: Nullable(Type.Integer()),
  endYear: Nullable(Type.Integer()),
  sections: Type.Array(Type.Object({ number: Type.String(), title: Type.String() }, { additionalProperties: false })),
  tasks: Type.Array(Type.Object({
    number: Type.String(),
    section: Nullable(Type.String()),
    title: Type.String(),
    description: Type.String(),
    leadUnits: Type.Array(Type.String()),
    responsibleUnits: Type.Array(Type.String()),
    cooperatingUnits: Type.Array(Type.String()),
    leadInferred: Type.Boolean({ description: 'The text named no lead: the first responsible unit was taken as lead' }),
    deadline: Nullable(Type.String()),
    targets: Type.Array(Type.Object({
      year: Type.Integer(),
      description: Type.String(),
      value: Type.Optional(Nullable(Type.Number())),
      measure: Type.Optional(Nullable(Type.String())),
      dueOn: Type.Optional(Nullable(Type.String())),
    }, { additionalProperties: false })),
  }, { additionalProperties: false })),
  warnings: Type.Array(Type.String()),
}, { $id: 'ParsedPlan', additionalProperties: false, description: 'What the parser read from a plan’s text' })

const Counts = Type.Object({
  plans: Type.Integer(), sections: Type.Integer(), tasks: Type.Integer(), units: Type.Integer(), targets: Type.Integer(),
}, { additionalProperties: false })

export const ImportResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  planId: Nullable(Type.Integer({ description: 'The plan written or updated; null on a dry run that would create one' })),
  created: Counts,
  updated: Counts,
  units: Type.Array(Type.Object({
    name: Type.String({ description: 'As written in the document' }),
    unitId: Nullable(Type.Integer({ description: 'Null on a dry run for a unit that would be created' })),
    via: Type.Enum(['name', 'alias', 'created']),
  }, { additionalProperties: false })),
  suggestions: Type.Array(Type.Object({
    name: Type.String({ description: 'The name as written, created as a unit of its own' }),
    unitId: Type.Optional(Type.Integer({ description: 'The unit created for it (absent on a dry run)' })),
    suggestedUnit: Type.Object({ id: Nullable(Type.Integer()), name: Type.String() }, { additionalProperties: false }),
    reason: Type.String(),
  }, { additionalProperties: false }), { description: 'Close names that may be the same unit; never merged — add an alias to the unit to merge' }),
  warnings: Type.Array(Type.String()),
  parse: Type.Optional(ref(ParsedPlanSchema)),
}, { $id: 'ImportResult', additionalProperties: false })

export const PlanTextImportBody = Type.Object({
  text: Type.String({ minLength: 1, description: 'The plan’s full text (at most 5 MB)' }),
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Parse and preview without writing' })),
}, { additionalProperties: false })

/** How a file import names its plan: by id, or by title and period (found as a plan-text import finds it, or created). */
const PlanNamingFields = {
  planId: Type.Optional(Type.Integer({ minimum: 1, maximum: ID_MAX, description: 'Import into this plan; or give title, startYear and endYear (and docNumber) to find or create the plan' })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  docNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  startYear: Type.Optional(Year),
  endYear: Type.Optional(Year),
}

export const LedgerImportBody = Type.Object({
  file: Type.Unsafe<Buffer>({ contentMediaType: 'application/octet-stream', description: 'The 台账: .xlsx, or CSV in UTF-8 (a BOM is fine) or GB18030' }),
  ...PlanNamingFields,
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Check and preview without writing' })),
}, { additionalProperties: false })

export const PlanFileImportBody = Type.Object({
  file: Type.Unsafe<Buffer>({
    contentMediaType: 'application/octet-stream',
    description: 'The plan as received: .docx, .doc (Word 97–2003, WPS), .pdf with a text layer, or text (UTF-8 or GB18030); '
      + 'or a 台账 (.xlsx, CSV). The format is told from the content, not the name. At most 20 MB.',
  }),
  ...PlanNamingFields,
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Read, parse and preview without writing; a plan document\'s parse comes back as `parse`' })),
}, { additionalProperties: false })

export const LedgerQuery = Type.Object({
  format: Type.Optional(Type.Enum(LEDGER_FORMATS, { default: 'xlsx' })),
}, { additionalProperties: false })


/** Registered with the app's shared schemas, in this order. */
export const importSharedSchemas = [ParsedPlanSchema, ImportResultSchema]
