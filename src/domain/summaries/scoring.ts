import type { UnitScoreLine } from './content.js'

/** A unit's figures for the period, before scoring. */
export type UnitFigures = Omit<UnitScoreLine, 'rank' | 'score'>

/**
 * The quarterly (and annual) score, 0–100, one decimal (documented in the README):
 *   40 × (1 − overdue ÷ tasks led)                      — punctuality; 40 when the unit leads no task
 * + 40 × (reports on time + ½ × late) ÷ reports due      — reporting; 40 when none was due
 * + 20 × closed on time ÷ closed                         — closing; 20 when none is closed yet
 * − 2 per 督办单 (L2) and − 5 per leaders' escalation (L3) opened in the period,
 * clamped to 0–100.
 */
export const SCORE_WEIGHTS = { punctuality: 40, reporting: 40, closing: 20, perL2: 2, perL3: 5 } as const

export function unitScore(f: UnitFigures): number {
  const w = SCORE_WEIGHTS
  const closed = f.closedOnTime + f.closedLate
  const punctuality = f.tasksLed === 0 ? 1 : 1 - f.overdue / f.tasksLed
  const reporting = f.reportsDue === 0 ? 1 : (f.reportsOnTime + 0.5 * f.reportsLate) / f.reportsDue
  const closing = closed === 0 ? 1 : f.closedOnTime / closed
  const raw = w.punctuality * punctuality + w.reporting * reporting + w.closing * closing - w.perL2 * f.escalationsL2 - w.perL3 * f.escalationsL3
  return Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10
}

/**
 * Scores and ranks units: highest score first; equal scores share a rank (1, 2, 2, 4). Within a score,
 * fewer overdue tasks, then fewer missing reports, then the unit id keep the order stable.
 */
export function rankUnits(figures: readonly UnitFigures[]): UnitScoreLine[] {
  const scored = figures.map((f) => ({ ...f, score: unitScore(f), rank: 0 }))
  scored.sort((a, b) => b.score - a.score || a.overdue - b.overdue || a.reportsMissing - b.reportsMissing || a.unitId - b.unitId)
  scored.forEach((line, i) => {
    const prev = scored[i - 1]
    line.rank = prev && prev.score === line.score ? prev.rank : i + 1
  })
  return scored.map(({ rank, unitId, unit, score, ...rest }) => ({ rank, unitId, unit, ...rest, score }))
}
