import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from './config.js'

export interface BackupResult { dir: string; databaseFile: string; files: number; missing: number }

/**
 * A consistent copy of the data: the database first (SQLite's online backup API, safe while the service runs),
 * then exactly the evidence blobs that copy's rows name. Blobs never change once written (they are named by their
 * content), so a blob uploaded after the database copy is simply not in this backup, and none named is half-written.
 * Blobs are hard-linked when the backup is on the same file system, else copied.
 */
export async function backupData(config: Pick<Config, 'databaseFile' | 'filesDir'>, dir: string): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true })
  const databaseFile = path.join(dir, 'duban.db')
  const live = new Database(config.databaseFile, { readonly: true, fileMustExist: true })
  try {
    await live.backup(databaseFile)
  } finally {
    live.close()
  }
  const copy = new Database(databaseFile, { readonly: true })
  const hashes = copy.prepare<[], { sha: string }>('SELECT DISTINCT sha256 AS sha FROM files').all().map((r) => r.sha)
  copy.close()
  let files = 0
  let missing = 0
  for (const sha of hashes) {
    const rel = path.join(sha.slice(0, 2), sha.slice(2))
    const from = path.join(config.filesDir, rel)
    const to = path.join(dir, 'files', rel)
    if (!fs.existsSync(from)) { missing++; continue }
    fs.mkdirSync(path.dirname(to), { recursive: true })
    try {
      fs.linkSync(from, to)
    } catch {
      fs.copyFileSync(from, to)
    }
    files++
  }
  return { dir, databaseFile, files, missing }
}
