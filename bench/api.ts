import autocannon from 'autocannon'
import http from 'node:http'
import type { BenchDataset } from './seed.js'
import { startApiServer } from './child.js'

export interface LoadResult { rps: number; p99Ms: number }

/** Drives `url` with autocannon; `paths` are prebuilt once, as hello's single request is, and every connection walks them in turn. */
export async function load(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string>; paths?: string[] }): Promise<LoadResult> {
  const result = await autocannon({
    url, connections: opts.connections, duration: opts.seconds, headers: opts.headers, requests: opts.paths?.map((path) => ({ path })),
  })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load on ${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return { rps: result.requests.average, p99Ms: result.latency.p99 }
}

/** Requests each path exactly once over `connections` keep-alive connections; answers requests per second. */
export async function eachPathOnce(base: string, paths: string[], headers: Record<string, string>, connections: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  let next = 0
  const get = (path: string) => new Promise<void>((resolve, reject) => {
    http.get(`${base}${path}`, { agent, headers }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${path}: ${res.statusCode}`))))
    }).on('error', reject)
  })
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < paths.length) await get(paths[next++]!)
  }))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return paths.length / seconds
}

/** Mean throughput and worst p99 over several runs of the same load. */
function combine(runs: LoadResult[]): LoadResult {
  return { rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length, p99Ms: Math.max(...runs.map((r) => r.p99Ms)) }
}

/**
 * Issue 2's figures: a filtered page of 50 tasks (by unit and light) against a bare hello route, same server.
 * The client asks for gzip as browsers do; `listPlain*` is the same load from a client that does not.
 * `listColdRps` is one pass over every unit's page with nothing cached yet. Hello and the list alternate in
 * short rounds, so a change in the machine's speed during the run weighs on both alike.
 */
export async function benchTaskList(seededDbFile: string, data: BenchDataset, seconds = 10) {
  const server = await startApiServer(seededDbFile)
  try {
    const base = `http://127.0.0.1:${server.port}`
    const plainHeaders = { authorization: `Bearer ${data.tokens.office}` }
    const headers = { ...plainHeaders, 'accept-encoding': 'gzip, deflate, br' }
    const paths = data.unitIds.map((id) => `/api/tasks?unitId=${id}&light=green&limit=50`)
    const hello = () => load(`${base}/hello`, { connections: 20, seconds: 2 })
    const list = (h: Record<string, string>) => load(`${base}/api/tasks`, { connections: 20, seconds: 2, headers: h, paths })
    await hello()
    const coldRps = await eachPathOnce(base, paths, headers, 20)
    await list(headers)
    const hellos: LoadResult[] = []
    const lists: LoadResult[] = []
    for (let round = 0; round < Math.ceil(seconds / 2); round++) {
      hellos.push(await hello())
      lists.push(await list(headers))
    }
    const [helloAll, listAll] = [combine(hellos), combine(lists)]
    await eachPathOnce(base, paths, plainHeaders, 20)
    const plain = combine([await list(plainHeaders), await list(plainHeaders)])
    return {
      listRps: Math.round(listAll.rps),
      helloRps: Math.round(helloAll.rps),
      listVsHello: Number((listAll.rps / helloAll.rps).toFixed(3)),
      listP99Ms: listAll.p99Ms,
      rssMb: server.peakRssMb(),
      listColdRps: Math.round(coldRps),
      listPlainRps: Math.round(plain.rps),
      listPlainVsHello: Number((plain.rps / helloAll.rps).toFixed(3)),
      listPlainP99Ms: plain.p99Ms,
    }
  } finally {
    await server.stop()
  }
}
