import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export interface Received { tmpPath: string; sha256: string; size: number }

const SHA256 = /^[0-9a-f]{64}$/

/**
 * Evidence blobs on disk, content-addressed: DATA_DIR/files/ab/cdef… holds the bytes whose SHA-256 is abcdef….
 * Uploads stream into files/tmp/ first, hashed and counted on the way, and are renamed into place when complete.
 */
export function createBlobStore(root: string) {
  const tmpDir = path.join(root, 'tmp')
  fs.mkdirSync(tmpDir, { recursive: true })
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`)
    return path.join(root, sha256.slice(0, 2), sha256.slice(2))
  }

  return {
    root,
    pathOf,

    /** Streams `source` into a temp file while hashing it; the temp file is gone again if anything fails. */
    async receive(source: Readable): Promise<Received> {
      const tmpPath = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`)
      const hash = createHash('sha256')
      let size = 0
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk)
          size += chunk.length
          done(null, chunk)
        },
      })
      try {
        await pipeline(source, count, fs.createWriteStream(tmpPath, { flags: 'wx' }))
      } catch (err) {
        fs.rmSync(tmpPath, { force: true })
        throw err
      }
      return { tmpPath, sha256: hash.digest('hex'), size }
    },

    /** Moves a received temp file to its content address (or drops it when those bytes are stored already). Synchronous on purpose: see files repository. */
    keep(received: Received): void {
      const target = pathOf(received.sha256)
      if (fs.existsSync(target)) {
        fs.rmSync(received.tmpPath, { force: true })
        return
      }
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.renameSync(received.tmpPath, target)
    },

    discard(received: Pick<Received, 'tmpPath'>): void {
      fs.rmSync(received.tmpPath, { force: true })
    },

    remove(sha256: string): void {
      fs.rmSync(pathOf(sha256), { force: true })
    },

    /** Every stored hash (walks the two-level tree). */
    *hashes(): Generator<string> {
      for (const dir of fs.readdirSync(root)) {
        if (!/^[0-9a-f]{2}$/.test(dir)) continue
        for (const rest of fs.readdirSync(path.join(root, dir))) {
          const sha = dir + rest
          if (SHA256.test(sha)) yield sha
        }
      }
    },

    /** Empties the temp directory: whatever is there is an upload a previous process never finished. */
    clearTemp(): number {
      const names = fs.readdirSync(tmpDir)
      for (const name of names) fs.rmSync(path.join(tmpDir, name), { force: true, recursive: true })
      return names.length
    },
  }
}
export type BlobStore = ReturnType<typeof createBlobStore>
