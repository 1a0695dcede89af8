import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from './schema/index.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** The committed migrations, found by walking up from this module: the sources and the bundle in dist/ sit at different depths. */
function findMigrationsFolder(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'drizzle')
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate
    if (path.dirname(dir) === dir) throw new Error('The drizzle/ migrations folder was not found above this module.')
  }
}
const migrationsFolder = findMigrationsFolder()

/** Opens (creating if needed) the SQLite file in WAL mode and applies the committed migrations. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: a commit is on disk before the API acknowledges it, even across power loss.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  // Reads go through read(2) and the kernel's page cache rather than mmap: mapped pages count in the process's
  // resident memory (a 100,000-task database is 60 MB), cached ones do not. SQLite keeps its own 8 MB.
  sqlite.pragma('cache_size = -8192')
  sqlite.pragma('temp_store = MEMORY')
  const db = drizzle(sqlite, { schema }) as Db
  migrate(db, { migrationsFolder })
  return db
}
