import autocannon from 'autocannon'
import type { BenchDataset } from './seed.js'
import { startApiServer } from './child.js'

export interface LoadResult { rps: number; p99Ms: number }

export async function load(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string>; paths?: string[] }): Promise<LoadResult> {
  let i = 0
  const result = await autocannon({
    url, connections: opts.connections, duration: opts.seconds, headers: opts.headers,
    requests: opts.paths ? [{ setupRequest: (req) => ({ ...req, path: opts.paths![i++ % opts.paths!.length] }) }] : undefined,
  })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load on ${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return { rps: result.requests.average, p99Ms: result.latency.p99 }
}

/** Issue 2's figures: a filtered page of 50 tasks (by unit and light) against a bare hello route, same server. */
export async function benchTaskList(seededDbFile: string, data: BenchDataset, seconds = 10) {
  const server = await startApiServer(seededDbFile)
  try {
    const base = `http://127.0.0.1:${server.port}`
    const headers = { authorization: `Bearer ${data.tokens.office}` }
    const paths = data.unitIds.map((id) => `/api/tasks?unitId=${id}&light=green&limit=50`)
    await load(`${base}/hello`, { connections: 20, seconds: 2 })
    const hello = await load(`${base}/hello`, { connections: 20, seconds })
    await load(`${base}/api/tasks`, { connections: 20, seconds: 2, headers, paths })
    const list = await load(`${base}/api/tasks`, { connections: 20, seconds, headers, paths })
    return {
      listRps: Math.round(list.rps),
      helloRps: Math.round(hello.rps),
      listVsHello: Number((list.rps / hello.rps).toFixed(3)),
      listP99Ms: list.p99Ms,
      rssMb: server.peakRssMb(),
    }
  } finally {
    await server.stop()
  }
}
