import Database from 'better-sqlite3'
import path from 'node:path'
import t, { type Test } from 'tap'
import { openDatabase } from '../src/db/client.js'
import { createGroupCommit } from '../src/repositories/workflow-commits.js'
import { tempDir } from './fixtures/harness.js'

function setup(t: Test) {
  const file = path.join(tempDir(t, 'duban-commits'), 'commits.db')
  const db = openDatabase(file)
  db.$client.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)')
  // A second connection sees only what is committed.
  const reader = new Database(file, { readonly: true })
  t.teardown(() => { reader.close(); db.$client.close() })
  const insert = db.$client.prepare('INSERT INTO notes (text) VALUES (?)')
  const committed = () => (reader.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map((r) => r.text)
  return { db, commits: createGroupCommit(db), add: (text: string) => Number(insert.run(text).lastInsertRowid), committed }
}

t.test('writes queued together share one commit and settle after it', async (t) => {
  const { db, commits, add, committed } = setup(t)
  const seenInside: string[][] = []
  const results = await Promise.all(['a', 'b', 'c'].map((text) => commits.run(() => {
    t.ok(db.$client.inTransaction)
    const id = add(text)
    seenInside.push(committed())
    return id
  })))
  t.same(results, [1, 2, 3])
  t.same(seenInside, [[], [], []], 'nothing is visible to others until the shared commit')
  t.same(committed(), ['a', 'b', 'c'], 'all of it is once the promises settle')
  t.notOk(db.$client.inTransaction)
})

t.test('a write that throws rolls back alone', async (t) => {
  const { commits, add, committed } = setup(t)
  const outcomes = await Promise.allSettled([
    commits.run(() => add('first')),
    commits.run(() => { add('partial'); add('first') }), // the second insert breaks UNIQUE after the first went in
    commits.run(() => add('third')),
  ])
  t.same(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled'])
  t.match((outcomes[1] as PromiseRejectedResult).reason, { code: 'SQLITE_CONSTRAINT_UNIQUE' })
  t.same(committed(), ['first', 'third'], 'nothing of the failed write is left, the others stand')
})

t.test('when the transaction itself is lost, every write in it rejects', async (t) => {
  const { db, commits, add, committed } = setup(t)
  const outcomes = await Promise.allSettled([
    commits.run(() => add('before')),
    commits.run(() => { db.$client.exec('ROLLBACK'); throw new Error('disk I/O error') }),
    commits.run(() => add('after')),
  ])
  t.same(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected'])
  t.same(committed(), [], 'no write was acknowledged, none is stored')
  t.equal(await commits.run(() => add('later')), 1, 'the next batch works')
  t.same(committed(), ['later'])
})

t.test('batches are bounded and later ones follow', async (t) => {
  const { commits, add, committed } = setup(t)
  const ids = await Promise.all(Array.from({ length: 600 }, (_, i) => commits.run(() => add(`n${i}`))))
  t.equal(new Set(ids).size, 600)
  t.equal(committed().length, 600)
})
