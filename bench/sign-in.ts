// Issue 9: `signInMs`, the p99 of POST /api/session under 10 concurrent sign-ins, with the real scrypt hash.
import autocannon from 'autocannon'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashPassword } from '../src/auth/passwords.js'
import { openDatabase } from '../src/db/client.js'
import { startApiServer } from './child.js'

const USERS = 50
const PASSWORD = 'Bench#2026pass'

/** Gives USERS users a login and the same password (each hash with its own salt), ready to sign in. */
async function addSignInUsers(dbFile: string): Promise<string[]> {
  const db = openDatabase(dbFile)
  try {
    const hashes = await Promise.all(Array.from({ length: USERS }, () => hashPassword(PASSWORD)))
    const insert = db.$client.prepare(`INSERT INTO users (name, role, token_hash, login, password_hash, password_changed_at)
      VALUES (?, 'office', ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
    const logins = hashes.map((_, i) => `bench.signin.${i}`)
    db.$client.transaction(() => hashes.forEach((hash, i) => insert.run(`签到${i}`, `bench-sign-in-${i}`, logins[i], hash)))()
    return logins
  } finally {
    db.$client.close()
  }
}

export async function benchSignIn(ctx: { seededDbFile?: string; redisUrl: string }, seconds = 10): Promise<{ signInMs: number; signInRps: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-sign-in-'))
  const dbFile = path.join(dir, 'sign-in.db')
  if (ctx.seededDbFile) {
    fs.copyFileSync(ctx.seededDbFile, dbFile)
    if (fs.existsSync(`${ctx.seededDbFile}-wal`)) fs.copyFileSync(`${ctx.seededDbFile}-wal`, `${dbFile}-wal`)
  }
  try {
    const logins = await addSignInUsers(dbFile)
    const server = await startApiServer(dbFile, { REDIS_URL: ctx.redisUrl, SIGN_IN_PER_MINUTE: '1000000' })
    try {
      let next = 0
      const run = (duration: number) => autocannon({
        url: `http://127.0.0.1:${server.port}/api/session`,
        connections: 10,
        duration,
        requests: [{
          method: 'POST',
          setupRequest: (req) => ({
            ...req, headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ login: logins[next++ % logins.length], password: PASSWORD }),
          }),
        }],
      })
      await run(2)
      const result = await run(seconds)
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`sign-ins: ${result.non2xx} non-2xx, ${result.errors} errors`)
      return { signInMs: result.latency.p99, signInRps: Math.round(result.requests.average) }
    } finally {
      await server.stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// `npx tsx bench/sign-in.ts`: this bench alone, on an empty database (sign-in does not depend on the tasks).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchSignIn({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }))}\n`)
}
