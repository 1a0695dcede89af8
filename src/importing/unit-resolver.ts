import { units } from '../db/schema/index.js'
import type { Tx } from '../repositories/db-types.js'
import type { UnitsRepository } from '../repositories/units.js'
import { closeNameReason, guessUnitKind, nameKey } from './unit-names.js'

/** How one name in the document was resolved: a registered unit by name or alias, or a unit created as written. */
export interface UnitResolution { name: string; unitId: number; via: 'name' | 'alias' | 'created' }

/** A created unit that may be the same as a registered one; never merged, the office decides. */
export interface UnitSuggestion { name: string; unitId: number; suggestedUnit: { id: number; name: string }; reason: string }

interface Known { id: number; name: string; spellings: string[] }

const MAX_SUGGESTIONS_PER_NAME = 3

/**
 * Resolves unit names inside an import's transaction. Names equal after folding (script, width,
 * brackets, spaces) match; any other name becomes a new unit with the name as written, and close
 * registered names (or names created earlier in the same import) come back as suggestions.
 */
export function createUnitResolver(tx: Tx, repo: UnitsRepository, actorId: number | null) {
  const known: Known[] = tx.select({ id: units.id, name: units.name, aliases: units.aliases }).from(units).all()
    .map((u) => ({ id: u.id, name: u.name, spellings: [u.name, ...u.aliases] }))
  const byName = new Map<string, Known>()
  const byAlias = new Map<string, Known>()
  for (const u of known) {
    byName.set(nameKey(u.name), u)
    for (const alias of u.spellings.slice(1)) if (!byAlias.has(nameKey(alias))) byAlias.set(nameKey(alias), u)
  }
  const resolved = new Map<string, UnitResolution>()
  const suggestions: UnitSuggestion[] = []

  function suggestFor(name: string, unitId: number) {
    let found = 0
    for (const u of known) {
      if (u.id === unitId) continue
      const reason = u.spellings.map((s) => closeNameReason(name, s)).find((r) => r !== null)
      if (!reason) continue
      suggestions.push({ name, unitId, suggestedUnit: { id: u.id, name: u.name }, reason })
      if (++found === MAX_SUGGESTIONS_PER_NAME) return
    }
  }

  return {
    /** The unit id for `name`, creating the unit when nothing matches. */
    resolve(name: string): number {
      const key = nameKey(name)
      const done = resolved.get(key)
      if (done) return done.unitId
      const match = byName.get(key) ?? byAlias.get(key)
      let resolution: UnitResolution
      if (match) {
        resolution = { name, unitId: match.id, via: byName.has(key) ? 'name' : 'alias' }
      } else {
        const row = repo.create({ name: name.trim(), kind: guessUnitKind(name) }, actorId)
        resolution = { name, unitId: row.id, via: 'created' }
        suggestFor(name, row.id)
        const created = { id: row.id, name: row.name, spellings: [row.name] }
        known.push(created)
        byName.set(key, created)
      }
      resolved.set(key, resolution)
      return resolution.unitId
    },
    resolutions: (): UnitResolution[] => [...resolved.values()],
    suggestions: (): UnitSuggestion[] => suggestions,
  }
}
export type UnitResolver = ReturnType<typeof createUnitResolver>
