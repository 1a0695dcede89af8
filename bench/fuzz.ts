import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import type { Role } from '../src/db/schema/index.js'
import { deleteRedisKeys } from '../src/queues/delete-keys.js'
import type { TestContext } from '../tests/fixtures/harness.js'
import { seedFuzzWorld } from '../tests/fixtures/fuzz-world.js'
import { answerProblems, operationsOf, requestOf } from '../tests/fixtures/openapi-fuzz.js'

/** Requests per operation in the bench: about 57 × 400 in all (the suite sends 30 each). */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_BENCH_RUNS ?? 400)

/**
 * The fuzz test's generator at a larger scale, in process (app.inject): `fuzzRequests` sent, `fuzz5xx` answers
 * that broke the rules (a 5xx, an error that is not a problem document, a leak; goal 0), `fuzzRps` the rate.
 */
export async function benchFuzz({ redisUrl }: { redisUrl: string }): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-fuzz-'))
  const config = loadConfig({ DATA_DIR: dir, REDIS_URL: redisUrl, REDIS_PREFIX: `bench-fuzz-${process.pid}`, RUN_WORKERS: 'false', RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'silent' })
  const db = openDatabase(config.databaseFile)
  const app = await buildApp({ config, db, clock: () => new Date('2026-11-20T12:00:00+08:00'), logger: false })
  try {
    const unitA = app.repos.units.create({ name: '市住建局', contactEmails: ['zjj@example.cn'] }, null).id
    const unitB = app.repos.units.create({ name: '市城管局' }, null).id
    const make = (role: Role, unitId: number | null = null) => {
      const { user, token } = app.repos.users.create({ name: `${role}${unitId ?? ''}`, role, unitId }, null)
      return { token, id: user.id, role, unitId }
    }
    const actors = { admin: make('admin'), office: make('office'), supervisor: make('supervisor'), leader: make('leader'), unitA: make('unit', unitA), unitB: make('unit', unitB) }
    const ctx = { app, db, config, dir, actors, unitA, unitB, setNow: () => {} } as TestContext
    const world = await seedFuzzWorld(ctx)
    await app.ready()
    const doc = app.swagger() as Record<string, any>
    const tokens: Record<string, string> = Object.fromEntries(Object.entries(actors).map(([k, a]) => [k, a.token]))
    let sent = 0
    let bad = 0
    const started = performance.now()
    for (const operation of operationsOf(doc)) {
      await fc.assert(fc.asyncProperty(requestOf(operation, doc, world), async (req) => {
        const res = await app.inject({
          method: req.method as 'GET', url: req.url,
          headers: { ...req.headers, ...(req.actor ? { authorization: `Bearer ${tokens[req.actor]}` } : {}) },
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        })
        sent++
        const problems = answerProblems(res.statusCode, res.headers['content-type'] as string | undefined, res.body)
        if (problems.length) {
          bad++
          if (bad <= 5) process.stderr.write(`fuzz: ${req.method} ${req.url}: ${problems.join(', ')}\n`)
        }
        return true
      }), { numRuns: RUNS_PER_OPERATION })
    }
    const seconds = (performance.now() - started) / 1000
    return { fuzzRequests: sent, fuzz5xx: bad, fuzzRps: Math.round(sent / seconds) }
  } finally {
    await app.close()
    db.$client.close()
    await deleteRedisKeys(config.redisUrl, config.redisPrefix).catch(() => {})
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
