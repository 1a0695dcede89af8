// The console's API types (web/src/api/schema.d.ts) are generated from openapi.yaml; tests/openapi.test.ts checks
// openapi.yaml against the route schemas, this one checks the console's types against openapi.yaml.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const root = fileURLToPath(new URL('..', import.meta.url))

t.test('the committed web/src/api/schema.d.ts is what openapi-typescript makes of openapi.yaml', async (t) => {
  const dir = t.testdir({})
  const out = path.join(dir, 'schema.d.ts')
  const cli = path.join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js')
  execFileSync(process.execPath, [cli, 'openapi.yaml', '-o', out], { cwd: root, stdio: 'pipe' })
  const committed = fs.readFileSync(path.join(root, 'web/src/api/schema.d.ts'), 'utf8')
  t.ok(committed === fs.readFileSync(out, 'utf8'), 'web/src/api/schema.d.ts is stale: run `npm run api:types` and commit the result')
})
