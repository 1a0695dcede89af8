// Issue 10's figures: evidence uploads streamed to disk. `uploadMbPerSec`: 20 uploads of 20 MB, 4 at a time;
// `uploadRssGrowthMb`: how far the server's resident memory rises above its idle level during 10 concurrent 50 MB uploads.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../src/db/client.js'
import { hashToken } from '../src/http/tokens.js'
import { startApiServer } from './child.js'

const MB = 1024 * 1024
const BOUNDARY = '----dubanbench'

/** Streams one multipart upload of `size` bytes (a PDF header, then `filler`, made distinct by `seed`) from memory shared by all uploads. */
function uploadOnce(port: number, token: string, size: number, filler: Buffer, seed: number): Promise<void> {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="航拍-${seed}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n%${seed}-${randomBytes(8).toString('hex')}\n`)
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`)
  const bodySize = size - (head.length - head.indexOf('%PDF'))
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method: 'POST', path: '/api/files',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': head.length + bodySize + tail.length },
    }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`upload answered ${res.statusCode}`))))
    })
    req.on('error', reject)
    void (async () => {
      req.write(head)
      for (let sent = 0; sent < bodySize;) {
        const n = Math.min(filler.length, bodySize - sent)
        if (!req.write(filler.subarray(0, n))) await new Promise((r) => req.once('drain', r))
        sent += n
      }
      req.end(tail)
    })()
  })
}

async function inParallel(count: number, concurrency: number, run: (i: number) => Promise<void>) {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await run(next++)
  }))
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024

export async function benchUploads(): Promise<{ uploadMbPerSec: number; uploadRssGrowthMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-uploads-'))
  const dbFile = path.join(dir, 'duban.db')
  const db = openDatabase(dbFile)
  const token = 'bench-upload-clerk-token'
  db.$client.prepare("INSERT INTO users (name, role, token_hash) VALUES ('上传', 'office', ?)").run(hashToken(token))
  db.$client.close()
  const server = await startApiServer(dbFile, { DATA_DIR: dir })
  try {
    const filler = randomBytes(MB)
    await uploadOnce(server.port, token, MB, filler, -1) // warm up
    // Memory first, from the idle server's level, so that nothing the throughput run left behind hides growth.
    await new Promise((r) => setTimeout(r, 500))
    const idle = rssMb(server.pid)
    let peak = idle
    const sampler = setInterval(() => { peak = Math.max(peak, rssMb(server.pid)) }, 20)
    await inParallel(10, 10, (i) => uploadOnce(server.port, token, 50 * 1000 * 1000, filler, 100 + i))
    clearInterval(sampler)
    peak = Math.max(peak, rssMb(server.pid))

    const started = performance.now()
    await inParallel(20, 4, (i) => uploadOnce(server.port, token, 20 * MB, filler, i))
    const uploadMbPerSec = Math.round((20 * 20) / ((performance.now() - started) / 1000))
    return { uploadMbPerSec, uploadRssGrowthMb: Math.round(peak - idle) }
  } finally {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('uploads.ts')) process.stdout.write(`${JSON.stringify(await benchUploads())}\n`)
