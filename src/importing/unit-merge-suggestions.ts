import { closeNameReason, coreName, nameKey } from './unit-names.js'

export interface UnitName { id: number; name: string }
export interface RegisteredUnit extends UnitName { aliases: readonly string[] }
export interface MergeSuggestion { unit: UnitName; suggestedUnit: UnitName; reason: string }

/**
 * Registered units whose names are close enough to be one unit (市发改委 / 市发改局), as an import left them: each
 * pair once, the older unit suggested for the newer, until the newer name is an alias of the older. Only names
 * whose cores begin alike and differ in length by at most one can be close, which keeps a large registry cheap.
 */
export function mergeSuggestions(registry: readonly RegisteredUnit[], limit: number): MergeSuggestion[] {
  const byFirst = new Map<string, { unit: RegisteredUnit; core: string; aliasKeys: Set<string> }[]>()
  const out: MergeSuggestion[] = []
  for (const unit of [...registry].sort((a, b) => a.id - b.id)) {
    const core = coreName(unit.name)
    const peers = byFirst.get(core[0] ?? '') ?? []
    for (const older of peers) {
      if (Math.abs(older.core.length - core.length) > 1 || older.aliasKeys.has(nameKey(unit.name))) continue
      const reason = closeNameReason(unit.name, older.unit.name)
      if (reason) out.push({ unit: { id: unit.id, name: unit.name }, suggestedUnit: { id: older.unit.id, name: older.unit.name }, reason })
      if (out.length >= limit) return out
    }
    peers.push({ unit, core, aliasKeys: new Set(unit.aliases.map(nameKey)) })
    byFirst.set(core[0] ?? '', peers)
  }
  return out
}
