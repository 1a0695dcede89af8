import type Database from 'better-sqlite3'
import { LRUCache } from 'lru-cache'

/**
 * Serialised answers kept for exactly as long as the database is unchanged. Any commit empties it:
 * by this connection (`total_changes()`) or by another process, such as a worker (`PRAGMA data_version`).
 */
export function createDbStateCache(client: Database.Database, maxBytes = 160 * 1024 * 1024) {
  const changes = client.prepare('SELECT total_changes()').pluck()
  const dataVersion = client.prepare('PRAGMA data_version').pluck()
  const entries = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value, key) => 2 * (value.length + key.length) })
  let stamp = ''
  return {
    get(key: string, compute: () => string): string {
      const now = `${changes.get()}/${dataVersion.get()}`
      if (now !== stamp) {
        entries.clear()
        stamp = now
      }
      let value = entries.get(key)
      if (value === undefined) entries.set(key, (value = compute()))
      return value
    },
  }
}
