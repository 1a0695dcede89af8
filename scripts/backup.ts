// `npm run backup [-- FILE]`: a consistent online copy of the database (SQLite's backup API), safe while the service runs.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '../src/config.js'
import { shanghaiDateTime } from '../src/domain/dates.js'

const config = loadConfig()
const target = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups', // Named in Shanghai time, like every date Duban shows.
  `duban-${shanghaiDateTime(new Date()).replace(/[:T]/g, '-')}.db`))
fs.mkdirSync(path.dirname(target), { recursive: true })
const db = new Database(config.databaseFile, { readonly: true, fileMustExist: true })
await db.backup(target)
db.close()
process.stdout.write(`backed up ${config.databaseFile} → ${target}\n`)
