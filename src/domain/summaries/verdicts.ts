import type { UnitScoreLine, UnitVerdictLine } from './content.js'

/** At most this many units are praised (表扬) in one notice. */
export const PRAISE_LIMIT = 10
/** Missing this many monthly reports in the period brings criticism. */
export const CRITICISM_MISSED_REPORTS = 2

/**
 * 表扬: the best-ranked units (at most PRAISE_LIMIT) with a clean record — no overdue task, no late close,
 * every report due in on time, no 督办 (so a full score) — that did something to praise: closed a task on
 * time or reported on time.
 */
export function praiseList(ranked: readonly UnitScoreLine[]): UnitVerdictLine[] {
  const out: UnitVerdictLine[] = []
  for (const u of ranked) {
    if (out.length >= PRAISE_LIMIT) break
    const clean = u.overdue === 0 && u.closedLate === 0 && u.reportsLate === 0 && u.reportsMissing === 0 && u.escalationsL2 === 0 && u.escalationsL3 === 0
    if (!clean || (u.closedOnTime === 0 && u.reportsOnTime === 0)) continue
    const reasons: string[] = []
    if (u.closedOnTime > 0) reasons.push(`按期办结任务${u.closedOnTime}项`)
    if (u.reportsOnTime > 0) reasons.push(`按时报送进展${u.reportsOnTime}次`)
    reasons.push('无逾期任务')
    out.push({ unitId: u.unitId, unit: u.unit, reasons })
  }
  return out
}

/**
 * 通报批评: units with a task escalated to the leaders (L3) or to the supervision office (L2) in the
 * period, or that missed CRITICISM_MISSED_REPORTS or more reports; lowest score first.
 */
export function criticismList(ranked: readonly UnitScoreLine[]): UnitVerdictLine[] {
  return ranked
    .filter((u) => u.escalationsL3 > 0 || u.escalationsL2 > 0 || u.reportsMissing >= CRITICISM_MISSED_REPORTS)
    .sort((a, b) => a.score - b.score || a.unitId - b.unitId)
    .map((u) => {
      const reasons: string[] = []
      if (u.escalationsL3 > 0) reasons.push(`${u.escalationsL3}项任务逾期被提级至领导督办`)
      if (u.escalationsL2 > 0) reasons.push(`${u.escalationsL2}项任务被督查室督办`)
      if (u.overdue > 0) reasons.push(`${u.overdue}项任务逾期未办结`)
      if (u.reportsMissing > 0) reasons.push(`未报送月度进展${u.reportsMissing}次`)
      return { unitId: u.unitId, unit: u.unit, reasons }
    })
}
