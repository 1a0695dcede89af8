// A light's reasons as the API gives them, worded as the mails and documents word them (one wording, in src/domain).
import type { components } from '@/api/schema'
import { lightReasonText } from '../../../src/domain/lights-text'

export type LightReason = components['schemas']['TaskSummary']['lightReasons'][number]

/** The reasons as phrases for the light's tooltip; plain strings pass through. */
export function reasonTexts(reasons: readonly (LightReason | string)[] | undefined): string[] {
  return (reasons ?? []).map((r) => (typeof r === 'string' ? r : lightReasonText(r)))
}
