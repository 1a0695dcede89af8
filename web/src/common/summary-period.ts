import { parsePeriod, type SummaryKind } from '../../../src/domain/summaries/period'

/** 2026-Q3 → 2026年第三季度, as the summary's title writes it (the domain's parser, not a copy). */
export const periodName = (kind: SummaryKind, label: string) => parsePeriod(kind, label)?.name ?? label
