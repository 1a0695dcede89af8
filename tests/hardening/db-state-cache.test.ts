import Database from 'better-sqlite3'
import t from 'tap'
import { createDbStateCache } from '../../src/http/db-state-cache.js'

t.test('with a doorkeeper, a value is kept only when its key is asked for again; a commit still empties it', async (t) => {
  const db = new Database(':memory:')
  t.teardown(() => db.close())
  db.exec('CREATE TABLE x (a)')
  const cache = createDbStateCache<string>(db, { max: 100, admitOnSecondUse: true })
  let computed = 0
  const get = (key: string) => cache.get(key, () => { computed++; return `value of ${key}` })
  t.equal(get('a'), 'value of a')
  t.equal(get('a'), 'value of a')
  t.equal(computed, 2, 'asked once: not kept')
  t.equal(get('a'), 'value of a')
  t.equal(computed, 2, 'asked again: kept since the second time')
  for (let i = 0; i < 1000; i++) get(`once-${i}`)
  t.equal(computed, 1002, 'a thousand keys asked once each, each computed')
  t.equal(get('a'), 'value of a')
  t.equal(computed, 1002, 'and they did not push the repeated key out')
  db.prepare('INSERT INTO x VALUES (1)').run()
  get('a')
  t.equal(computed, 1003, 'a commit empties the cache')
  get('a')
  t.equal(computed, 1003, 'a key asked before the commit is kept on its next ask')

  const plain = createDbStateCache<string>(db, { max: 100 })
  let n = 0
  plain.get('k', () => `${++n}`)
  plain.get('k', () => `${++n}`)
  t.equal(n, 1, 'without a doorkeeper, the first value is kept')
})
