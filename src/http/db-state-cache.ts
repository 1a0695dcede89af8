import type Database from 'better-sqlite3'
import { LRUCache } from 'lru-cache'

export type DbStateCacheOptions<V extends {}> = LRUCache.Options<string, V, unknown> & {
  /**
   * Keep a value only when its key is asked for a second time (a "doorkeeper"): keys seen are remembered by a
   * 32-bit hash in a bounded set, not by their value. Lists walked over thousands of distinct URLs, each
   * asked once, then never fill the cache with pages no one asks for again.
   */
  admitOnSecondUse?: boolean
}

/** How many once-seen keys the doorkeeper remembers before it starts afresh. */
const DOORKEEPER_SIZE = 65_536

/** FNV-1a over the key's UTF-16 code units. */
function hash32(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * Values kept for exactly as long as the database is unchanged. Any commit empties it: by this connection
 * (`total_changes()`) or by another process, such as a worker (`data_version`).
 */
export function createDbStateCache<V extends {}>(client: Database.Database, { admitOnSecondUse = false, ...options }: DbStateCacheOptions<V>) {
  const currentStamp = client.prepare("SELECT total_changes() || '/' || data_version FROM pragma_data_version").pluck()
  const entries = new LRUCache<string, V>(options as LRUCache.Options<string, V, unknown>)
  const seen = new Set<number>()
  let stamp: unknown
  const admit = (key: string): boolean => {
    if (!admitOnSecondUse) return true
    const h = hash32(key)
    // A key once admitted stays known, so after a commit empties the cache its next ask keeps it at once.
    if (seen.has(h)) return true
    if (seen.size >= DOORKEEPER_SIZE) seen.clear()
    seen.add(h)
    return false
  }
  return {
    /** The cached value, or `compute()`'s; an undefined result is not kept. */
    get(key: string, compute: () => V | undefined): V | undefined {
      const now = currentStamp.get()
      if (now !== stamp) {
        entries.clear()
        stamp = now
      }
      let value = entries.get(key)
      if (value === undefined) {
        value = compute()
        if (value !== undefined && admit(key)) entries.set(key, value)
      }
      return value
    },
  }
}
