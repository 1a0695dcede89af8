// `npm run backup [-- DIR]`: a consistent online copy of the database and the evidence files it names, safe while the service runs.
import path from 'node:path'
import { backupData } from '../src/backup.js'
import { loadConfig } from '../src/config.js'
import { shanghaiDateTime } from '../src/domain/dates.js'

const config = loadConfig()
const dir = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups', // Named in Shanghai time, like every date Duban shows.
  `duban-${shanghaiDateTime(new Date()).replace(/[:T]/g, '-')}`))
const result = await backupData(config, dir)
process.stdout.write(`backed up ${config.databaseFile} → ${result.databaseFile}, ${result.files} evidence files → ${path.join(dir, 'files')}\n`)
if (result.missing) process.stderr.write(`warning: ${result.missing} evidence files named in the database were not found under ${config.filesDir}\n`)
