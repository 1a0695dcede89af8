// The console's figures (issue 9): `consoleBoardMs`, from navigation to the first 50 rows of 任务台账 visible,
// signed in, on the 100,000-task plan, each time in a fresh browser context (cold cache), median of 5; and
// `consoleInitialKb`, the gzipped JS and CSS that 登录 and 任务台账 load.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildConsole, consoleDist } from '../scripts/build-console.js'
import { deleteRedisKeys } from '../src/queues/delete-keys.js'
import { CHROMIUM_ARGS } from '../tests/fixtures/e2e/browser.js'
import { createPerson, signInThroughApi } from '../tests/fixtures/e2e/users.js'
import type { Service } from '../tests/fixtures/e2e/service.js'
import { startApiServer } from './child.js'
import type { BenchDataset } from './seed.js'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function benchConsole(ctx: { seededDbFile: string; redisUrl: string }, data: BenchDataset, runs = 5): Promise<{ consoleBoardMs: number; consoleInitialKb: number }> {
  await buildConsole({ ifChanged: true })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-console-'))
  const dbFile = path.join(dir, 'console.db')
  fs.copyFileSync(ctx.seededDbFile, dbFile)
  if (fs.existsSync(`${ctx.seededDbFile}-wal`)) fs.copyFileSync(`${ctx.seededDbFile}-wal`, `${dbFile}-wal`)
  const prefix = `bench-console-${process.pid}`
  const server = await startApiServer(dbFile, { REDIS_URL: ctx.redisUrl, REDIS_PREFIX: prefix })
  const baseURL = `http://127.0.0.1:${server.port}`
  const service: Service = {
    baseURL, adminToken: data.tokens.admin, dataDir: dir,
    admin: async (method, url, body) => {
      const res = await fetch(`${baseURL}${url}`, {
        method, headers: { authorization: `Bearer ${data.tokens.admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: res.status, body: await res.json() }
    },
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
  try {
    const clerk = await createPerson(service, 'office', { login: `bench.office.${process.pid}` })
    const board = `/plans/${data.planId}/board`
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
      await signInThroughApi(context, clerk)
      const page = await context.newPage()
      const started = performance.now()
      await page.goto(board, { waitUntil: 'commit' })
      await page.locator('[data-testid=board] tbody tr').nth(49).waitFor({ state: 'visible', timeout: 60_000 })
      times.push(performance.now() - started)
      await context.close()
    }

    // The JS and CSS files the two pages load, at their gzipped size (the build writes each file's .gz beside it).
    const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } })
    const assets = new Set<string>()
    context.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname.startsWith('/assets/') && /\.(js|css)$/.test(url.pathname)) assets.add(url.pathname)
    })
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByRole('button', { name: '登录' }).waitFor()
    await signInThroughApi(context, clerk)
    await page.goto(board)
    await page.locator('[data-testid=board] tbody tr').nth(49).waitFor({ state: 'visible', timeout: 60_000 })
    await context.close()
    const bytes = [...assets].reduce((sum, p) => sum + fs.statSync(path.join(consoleDist, `${p}.gz`)).size, 0)
    return { consoleBoardMs: Math.round(median(times)), consoleInitialKb: Math.round(bytes / 1024) }
  } finally {
    await browser.close()
    await server.stop()
    await deleteRedisKeys(ctx.redisUrl, prefix).catch(() => {})
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

// `npx tsx bench/console.ts`: this bench alone, on a freshly seeded database.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { seedBenchDatabase } = await import('./seed.js')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'))
  try {
    const seededDbFile = path.join(dir, 'seed.db')
    const data = await seedBenchDatabase(seededDbFile)
    process.stdout.write(`${JSON.stringify(await benchConsole({ seededDbFile, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, data))}\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
