import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { as, createTestApp, tempDir, uniquePrefix } from './fixtures/harness.js'
import { samples, upload } from './fixtures/evidence.js'
import { freePort, runEntry, waitFor } from './fixtures/server-process.js'
import { taskIn, withWorkflowActors } from './fixtures/workflow.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const ADMIN_TOKEN = 'files-crash-admin-token-0001'
const listDir = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String) : [])
const blobs = (filesDir: string) => listDir(filesDir).filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{62}$/.test(p))

t.test('kill -9 during a large upload, then a restart: no row and no file left', async (t) => {
  const dir = tempDir(t, 'duban-upload-crash')
  const prefix = uniquePrefix('upcrash')
  t.teardown(async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
    redis.disconnect()
  })
  const start = async () => {
    const port = await freePort()
    const server = runEntry('src/server.ts', { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN, RUN_WORKERS: 'false', REDIS_PREFIX: prefix, LOG_LEVEL: 'error' })
    t.teardown(() => { if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL') })
    await waitFor(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok), 60_000, 'the server')
    return { server, port }
  }
  const { server, port } = await start()
  const filesDir = path.join(dir, 'files')

  // A 20 MB upload, killed once more than a megabyte of it is on disk.
  const boundary = '----dubancrash'
  const req = http.request({
    host: '127.0.0.1', port, method: 'POST', path: '/api/files',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
  req.on('error', () => {})
  req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="航拍.pdf"\r\nContent-Type: application/pdf\r\n\r\n`)
  req.write(samples.pdf())
  const chunk = Buffer.alloc(1024 * 1024, 0x20)
  for (let i = 0; i < 20; i++) {
    if (!req.write(chunk)) await new Promise((r) => req.once('drain', r))
  }
  await waitFor(() => listDir(path.join(filesDir, 'tmp')).length > 0 && fs.statSync(path.join(filesDir, 'tmp', listDir(path.join(filesDir, 'tmp'))[0]!)).size > 1024 * 1024, 30_000, 'the upload to reach the disk')
  server.child.kill('SIGKILL')
  await server.exited
  req.destroy()
  t.equal(listDir(path.join(filesDir, 'tmp')).length, 1, 'the killed upload left its temp file')
  // As if the process had died between storing a blob and writing its row.
  const orphan = createHash('sha256').update('orphan').digest('hex')
  fs.mkdirSync(path.join(filesDir, orphan.slice(0, 2)), { recursive: true })
  fs.writeFileSync(path.join(filesDir, orphan.slice(0, 2), orphan.slice(2)), 'orphan')

  const again = await start()
  t.same(listDir(path.join(filesDir, 'tmp')), [], 'the temp file is gone after the restart')
  t.same(blobs(filesDir), [], 'and no blob without a row')
  const db = new Database(path.join(dir, 'duban.db'), { readonly: true })
  t.equal((db.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n, 0, 'no row')
  db.close()

  // A client that goes away mid-upload leaves nothing behind, without a restart.
  const gone = http.request({
    host: '127.0.0.1', port: again.port, method: 'POST', path: '/api/files',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  })
  gone.on('error', () => {})
  gone.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`)
  gone.write(samples.pdf())
  for (let i = 0; i < 4; i++) gone.write(chunk)
  await waitFor(() => listDir(path.join(filesDir, 'tmp')).length > 0, 30_000, 'the second upload to reach the disk')
  gone.destroy()
  await waitFor(() => listDir(path.join(filesDir, 'tmp')).length === 0, 30_000, 'the abandoned temp file to go')
  t.pass('an abandoned upload’s temp file is removed at once')

  // The restarted server takes uploads as before.
  const form = new FormData()
  form.append('file', new Blob([samples.pdf()], { type: 'application/pdf' }), '验收.pdf')
  const res = await fetch(`http://127.0.0.1:${again.port}/api/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  t.equal(res.status, 201)
  t.match(await res.json(), { name: '验收.pdf', type: 'application/pdf' })
  again.server.child.kill('SIGTERM')
  await again.server.exited
})

t.test('npm run backup copies the database and the files it names; a restore serves them', async (t) => {
  const ctx = withWorkflowActors(await createTestApp(t))
  const w = ctx.workflowActors
  const taskId = await taskIn(ctx, 'acknowledged')
  const photo = await samples.sidewaysJpeg()
  const pdf = samples.pdf('备份')
  const a = (await upload(ctx.app, w.lead, '现场照片.jpg', photo)).body.id
  const b = (await upload(ctx.app, w.lead, '验收证明.pdf', pdf)).body.id
  const lead = as(ctx.app, w.lead)
  t.equal((await lead.post(`/api/tasks/${taskId}/reports`, { period: '2026-11', progress: '已完成', percent: 100, targetValues: [], attachmentIds: [a, b] })).status, 201)

  const backupDir = path.join(tempDir(t, 'duban-backup'), 'b1')
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', backupDir], {
    cwd: root, env: { ...process.env, DATA_DIR: ctx.dir }, encoding: 'utf8',
  })
  t.equal(run.status, 0, run.stderr)
  t.match(run.stdout, /2 evidence files/)
  t.ok(fs.existsSync(path.join(backupDir, 'duban.db')))
  t.equal(blobs(path.join(backupDir, 'files')).length, 2)

  // Restore as the README says: the database and files/ into a fresh data directory.
  const restored = tempDir(t, 'duban-restored')
  fs.copyFileSync(path.join(backupDir, 'duban.db'), path.join(restored, 'duban.db'))
  fs.cpSync(path.join(backupDir, 'files'), path.join(restored, 'files'), { recursive: true })
  const config = loadConfig({ DATA_DIR: restored, REDIS_PREFIX: uniquePrefix(), RUN_WORKERS: 'false' })
  const db = openDatabase(config.databaseFile)
  const app = await buildApp({ config, db, logger: false, clock: () => new Date('2026-11-20T12:00:00+08:00') })
  t.teardown(async () => { await app.close(); db.$client.close() })
  for (const [id, bytes] of [[a, photo], [b, pdf]] as const) {
    const res = await app.inject({ method: 'GET', url: `/api/files/${id}`, headers: { authorization: `Bearer ${w.office.token}` } })
    t.equal(res.statusCode, 200)
    t.same(res.rawPayload, bytes, `file ${id} restored byte for byte`)
  }
  t.equal(blobs(path.join(restored, 'files')).length, 2, 'the startup sweep kept the restored files')
})
