import path from 'node:path'
import t from 'tap'
import { openDatabase } from '../../src/db/client.js'
import { createDbStateCache } from '../../src/http/db-state-cache.js'
import { tempDir } from '../fixtures/harness.js'

t.test('cached answers live exactly as long as the database is unchanged', async (t) => {
  const file = path.join(tempDir(t), 'cache.db')
  const api = openDatabase(file)
  const worker = openDatabase(file) // another process's connection, as a worker's would be
  t.teardown(() => { api.$client.close(); worker.$client.close() })
  const cache = createDbStateCache<Buffer>(api.$client, { max: 10 })
  const count = () => String((api.$client.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n)
  let computed = 0
  const read = () => cache.get('units', () => { computed++; return Buffer.from(count()) })!.toString()
  t.equal(read(), '0')
  t.equal(read(), '0')
  t.equal(computed, 1, 'the second read is served from the cache')
  api.$client.prepare("INSERT INTO units (name) VALUES ('甲')").run()
  t.equal(read(), '1', 'a write on this connection invalidates')
  worker.$client.prepare("INSERT INTO units (name) VALUES ('乙')").run()
  t.equal(read(), '2', 'a commit by another connection invalidates')
  t.equal(computed, 3)
  api.$client.prepare("UPDATE units SET kind = 'street' WHERE name = '甲'").run()
  read()
  t.equal(computed, 4, 'updates count as changes too')
  let misses = 0
  t.equal(cache.get('nobody', () => { misses++; return undefined }), undefined)
  cache.get('nobody', () => { misses++; return undefined })
  t.equal(misses, 2, 'an unknown key is not remembered as absent')
})
