import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Viewer } from '../plugins/auth.js'
import type { Db } from '../repositories/db-types.js'
import { writeLedgerCsv, writeLedgerXlsx, type LedgerFormat } from './ledger-files.js'
import { createLedgerReader } from './ledger.js'

export interface LedgerExportJob { dbFile: string; planId: number; viewer: Viewer }

/** Plans with at least this many tasks have their .xlsx built in a worker thread; smaller ones cost less than starting one. */
export const OFF_THREAD_MIN_TASKS = 2000
/** Chunks the file is streamed in. */
const CHUNK_BYTES = 64 * 1024

/** The worker's entry: the TypeScript source when this module runs as source (tsx), the bundle's file under dist/ otherwise. */
function workerFile(): string | null {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) return path.join(path.dirname(here), 'ledger-export-worker.ts')
  for (let dir = path.dirname(here); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'dist') {
      const file = path.join(dir, 'src', 'importing', 'ledger-export-worker.js')
      return fs.existsSync(file) ? file : null
    }
  }
  return null
}
const WORKER_FILE = workerFile()

/** Runs the .xlsx build in a worker thread (the same reader and writer) and resolves with the file. */
function buildInWorker(file: string, job: LedgerExportJob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(pathToFileURL(file), { workerData: job })
    worker.once('message', (bytes: Uint8Array) => resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)))
    worker.once('error', reject)
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`The ledger export worker stopped with code ${code}.`)) })
  })
}

const inChunks = (file: Buffer) => Readable.from((function* chunks() {
  for (let i = 0; i < file.length; i += CHUNK_BYTES) yield file.subarray(i, i + CHUNK_BYTES)
})())

/**
 * A plan's 台账 as a stream. A large plan's .xlsx (seconds of CPU at 100,000 rows) is read and built in a
 * worker thread, so the event loop keeps answering; CSV and small plans are built here.
 */
/** `freshLights` brings the stored lights up to today before they are read (here or in the worker). */
export function createLedgerExporter(db: Db, freshLights: () => void) {
  const reader = createLedgerReader(db)
  const taskCount = db.$client.prepare<[number], { n: number }>('SELECT count(*) AS n FROM tasks WHERE plan_id = ?')
  return {
    async export(planId: number, viewer: Viewer, format: LedgerFormat): Promise<Readable> {
      freshLights()
      if (format === 'xlsx' && WORKER_FILE && db.$client.name !== ':memory:' && taskCount.get(planId)!.n >= OFF_THREAD_MIN_TASKS) {
        return inChunks(await buildInWorker(WORKER_FILE, { dbFile: db.$client.name, planId, viewer }))
      }
      const rows = reader.rows(planId, viewer)
      return inChunks(format === 'csv' ? writeLedgerCsv(rows) : await writeLedgerXlsx(rows))
    },
  }
}
