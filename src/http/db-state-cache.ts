import type Database from 'better-sqlite3'
import { LRUCache } from 'lru-cache'

/**
 * Values kept for exactly as long as the database is unchanged. Any commit empties it: by this connection
 * (`total_changes()`) or by another process, such as a worker (`data_version`).
 */
export function createDbStateCache<V extends {}>(client: Database.Database, options: LRUCache.Options<string, V, unknown>) {
  const currentStamp = client.prepare("SELECT total_changes() || '/' || data_version FROM pragma_data_version").pluck()
  const entries = new LRUCache<string, V>(options)
  let stamp: unknown
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
        if (value !== undefined) entries.set(key, value)
      }
      return value
    },
  }
}
