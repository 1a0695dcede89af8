import Database from 'better-sqlite3'
import path from 'node:path'
import t from 'tap'
import { openDatabase } from '../../src/db/client.js'
import { tempDir } from '../fixtures/harness.js'

t.test('migrations create every table on an empty database', async (t) => {
  const file = path.join(tempDir(t), 'empty.db')
  const db = openDatabase(file)
  const tables = (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
  for (const name of ['units', 'users', 'plans', 'sections', 'tasks', 'task_units', 'targets', 'audit_entries', 'calendar_overrides', 'outbox_events']) {
    t.ok(tables.includes(name), `${name} exists`)
  }
  t.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(db.$client.pragma('foreign_keys', { simple: true }), 1)
  t.ok(Number(db.$client.pragma('busy_timeout', { simple: true })) >= 1000)
  db.$client.close()
})

t.test('reopening an existing database keeps its data and applies nothing twice', async (t) => {
  const file = path.join(tempDir(t), 'existing.db')
  const first = openDatabase(file)
  first.$client.prepare("INSERT INTO units (name) VALUES ('市住建局')").run()
  const applied = (first.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
  first.$client.close()
  const again = openDatabase(file)
  t.equal((again.$client.prepare('SELECT name FROM units').get() as { name: string }).name, '市住建局')
  t.equal((again.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n, applied)
  again.$client.close()
  const raw = new Database(file)
  t.throws(() => raw.prepare("INSERT INTO task_units (task_id, unit_id, role) VALUES (999, 999, 'lead')").run(), 'foreign keys are enforced')
  raw.close()
})
