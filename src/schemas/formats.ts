import { DATE_MAX, DATE_MIN, isDomainDate, isDomainMonth } from '../domain/dates.js'

/**
 * String formats the API's validator checks, registered once on the app's Ajv (after ajv-formats, so `date`
 * is ours): every schema that says `format: 'date'` — IsoDate — accepts only real dates in the service's years.
 */
export const FORMATS = {
  date: { validate: isDomainDate, detail: `must be a real calendar date YYYY-MM-DD from ${DATE_MIN} to ${DATE_MAX}` },
  month: { validate: isDomainMonth, detail: `must be a month YYYY-MM from ${DATE_MIN.slice(0, 7)} to ${DATE_MAX.slice(0, 7)}` },
} as const

/** The part of Ajv this needs (Ajv itself comes with fastify, not as a dependency of ours). */
interface FormatRegistry { addFormat(name: string, format: { type: 'string'; validate: (value: string) => boolean }): unknown }

export function addFormats(ajv: FormatRegistry): void {
  for (const [name, { validate }] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate })
}

/** What a failed `format` says about the field, in the problem's `errors`. */
export const formatDetail = (format: unknown): string | undefined => FORMATS[format as keyof typeof FORMATS]?.detail
