/**
 * What an importer hands to the import service, whatever it was read from (a plan's text, a 台账):
 * the plan, its sections and its tasks with units by name. A field left undefined keeps what the
 * database has; null clears it.
 */
export interface ImportTarget {
  year: number
  description: string
  value: number | null
  measure: string | null
  /** YYYY-MM-DD; null means 31 December of the year. */
  dueOn: string | null
}

export interface ImportTask {
  number: string
  /** The section's number (`一`); null for none. */
  section?: string | null
  title: string
  description: string
  leadUnits: string[]
  responsibleUnits: string[]
  cooperatingUnits: string[]
  leadInferred?: boolean
  deadline?: string | null
  targets?: ImportTarget[]
}

export interface PlanFields {
  title: string
  docNumber: string | null
  issuer?: string | null
  issuedOn?: string | null
  startYear: number
  endYear: number
}

/** An existing plan by id, or a plan found (文号, else title and period) or created from its fields. */
export type PlanIdentity = { id: number } | { fields: PlanFields }

export interface ImportDocument {
  plan: PlanIdentity
  sections?: { number: string; title: string }[]
  tasks: ImportTask[]
  warnings: string[]
}

export const ENTITIES = ['plans', 'sections', 'tasks', 'units', 'targets'] as const
export type Counts = Record<(typeof ENTITIES)[number], number>
export const zeroCounts = (): Counts => ({ plans: 0, sections: 0, tasks: 0, units: 0, targets: 0 })
