// Issue 11's figures: the daily scan's recomputation of every stored light over 100,000 tasks, and the
// leaders' dashboard (GET /api/dashboard) warm under 20 connections and cold after a write.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../src/db/client.js'
import { createCalendarRepository } from '../src/repositories/calendar.js'
import { createLightsRepository } from '../src/repositories/lights.js'
import { load } from './api.js'
import { startApiServer } from './child.js'
import type { BenchDataset } from './seed.js'

/** The first working day after the National Day holiday, after the scan of the day before had run. */
const DAY_BEFORE = '2026-09-30'
const SCAN_DAY = '2026-10-08'

function copyOf(seededDbFile: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-dashboard-'))
  const file = path.join(dir, 'duban.db')
  fs.copyFileSync(seededDbFile, file)
  return { file, done: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/**
 * `lightRecomputeMs`: recomputing every light as of a day (as a calendar change does), in steady state (the day
 * before was done); `lightScanRecomputeMs`: what the daily scan spends on the lights that day, only the rows whose
 * light may read differently by then.
 */
function benchLightRecompute(seededDbFile: string) {
  const copy = copyOf(seededDbFile)
  const db = openDatabase(copy.file)
  try {
    const lights = createLightsRepository(db, { calendar: () => createCalendarRepository(db).calendar() })
    const timed = (f: () => number) => {
      lights.recompute('all', DAY_BEFORE)
      const cpu = process.cpuUsage()
      const started = performance.now()
      const changed = f()
      const used = process.cpuUsage(cpu)
      // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
      return { ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), changed }
    }
    const scan = timed(() => lights.ensureFresh(SCAN_DAY))
    const all = timed(() => lights.recompute('all', SCAN_DAY))
    return {
      lightRecomputeMs: all.ms, lightRecomputeCpuMs: all.cpuMs, lightRecomputeChanged: all.changed,
      lightScanRecomputeMs: scan.ms, lightScanRecomputeCpuMs: scan.cpuMs, lightScanRecomputeChanged: scan.changed,
    }
  } finally {
    db.$client.close()
    copy.done()
  }
}

/** CPU milliseconds a process has used so far (user + system, from the kernel; 10 ms ticks). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

function request(base: string, method: string, urlPath: string, headers: Record<string, string>, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers: body ? { ...headers, 'content-type': 'application/json' } : headers }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode! < 300 ? resolve(res.statusCode!) : reject(new Error(`${method} ${urlPath}: ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end(body ? JSON.stringify(body) : undefined)
  })
}

export async function benchDashboard(seededDbFile: string, data: BenchDataset): Promise<Record<string, number>> {
  const figures: Record<string, number> = benchLightRecompute(seededDbFile)
  const copy = copyOf(seededDbFile)
  const server = await startApiServer(copy.file)
  try {
    const base = `http://127.0.0.1:${server.port}`
    const headers = { authorization: `Bearer ${data.tokens.leader}`, 'accept-encoding': 'gzip, deflate, br' }
    const office = { authorization: `Bearer ${data.tokens.office}` }
    const dashboard = `/api/dashboard?planId=${data.planId}`
    // Cold: the first request after a write (a task's title changes), five times; the median and the worst.
    const cold: number[] = []
    const coldCpu: number[] = []
    for (let i = 0; i < 5; i++) {
      await request(base, 'PATCH', `/api/tasks/${i + 1}`, office, { title: `任务${i + 1}:推进老旧小区改造(修订)` })
      const cpu = cpuMsOf(server.pid)
      const started = performance.now()
      await request(base, 'GET', dashboard, headers)
      cold.push(performance.now() - started)
      coldCpu.push(cpuMsOf(server.pid) - cpu)
    }
    cold.sort((a, b) => a - b)
    coldCpu.sort((a, b) => a - b)
    const warm = await load(`${base}${dashboard}`, { connections: 20, seconds: 5, headers })
    return {
      ...figures,
      dashboardP99Ms: warm.p99Ms,
      dashboardRps: Math.round(warm.rps),
      dashboardColdMs: Math.round(cold[2]!),
      dashboardColdMaxMs: Math.round(cold[4]!),
      dashboardColdCpuMs: coldCpu[2]!,
    }
  } finally {
    await server.stop()
    copy.done()
  }
}
