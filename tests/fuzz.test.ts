// Every operation in the OpenAPI document, with requests generated from its schemas as every role: no 5xx,
// every error a problem document, no internals in any answer, and the service still answering at the end.
import fc from 'fast-check'
import t from 'tap'
import { createTestApp } from './fixtures/harness.js'
import { seedFuzzWorld } from './fixtures/fuzz-world.js'
import { answerProblems, operationsOf, requestOf } from './fixtures/openapi-fuzz.js'

/** Requests per operation: about 57 × 30 in all, a few seconds of the suite. */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 30)

t.test('generated requests to every operation, as every role', async (t) => {
  const ctx = await createTestApp(t)
  const world = await seedFuzzWorld(ctx)
  await ctx.app.ready()
  const doc = ctx.app.swagger() as Record<string, any>
  const operations = operationsOf(doc)
  t.ok(operations.length >= 50, `${operations.length} operations`)
  const tokens: Record<string, string> = Object.fromEntries(Object.entries(ctx.actors).map(([k, a]) => [k, a.token]))
  let sent = 0
  const byClass: Record<string, number> = {}
  const failures: string[] = []
  for (const operation of operations) {
    await fc.assert(fc.asyncProperty(requestOf(operation, doc, world), async (req) => {
      const res = await ctx.app.inject({
        method: req.method as 'GET', url: req.url,
        headers: { ...req.headers, ...(req.actor ? { authorization: `Bearer ${tokens[req.actor]}` } : {}) },
        ...(req.payload === undefined ? {} : { payload: req.payload }),
      })
      sent++
      const cls = `${Math.floor(res.statusCode / 100)}xx`
      byClass[cls] = (byClass[cls] ?? 0) + 1
      const problems = answerProblems(res.statusCode, res.headers['content-type'] as string | undefined, res.body)
      if (problems.length) failures.push(`${req.method} ${req.url} as ${req.actor}: ${problems.join(', ')} — ${res.body.slice(0, 300)}`)
      return problems.length === 0
    }), { numRuns: RUNS_PER_OPERATION, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true }).catch(() => {})
  }
  t.same(failures.slice(0, 20), [], `${sent} requests (${JSON.stringify(byClass)}), ${failures.length} bad answers`)
  t.ok((byClass['2xx'] ?? 0) > sent / 10, 'a fair share of the requests get through validation and roles')
  t.equal((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the service still answers')
})
