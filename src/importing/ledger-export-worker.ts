// A worker thread's entry: builds one plan's .xlsx 台账 from its own read-only connection, off the event loop.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import type { LedgerExportJob } from './ledger-export.js'
import { writeLedgerXlsx } from './ledger-files.js'
import { createLedgerReader } from './ledger.js'

const job = workerData as LedgerExportJob
const sqlite = new Database(job.dbFile, { readonly: true, fileMustExist: true })
try {
  const rows = createLedgerReader({ $client: sqlite }).rows(job.planId, job.viewer)
  const file = await writeLedgerXlsx(rows)
  // Handed over without a copy when the bytes own their memory.
  const whole = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength
  parentPort!.postMessage(file, whole ? [file.buffer as ArrayBuffer] : [])
} finally {
  sqlite.close()
}
