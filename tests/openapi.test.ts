import fs from 'node:fs'
import t from 'tap'
import { openapiYaml } from '../src/openapi-document.js'

t.test('the committed openapi.yaml is what the route schemas generate', async (t) => {
  const committed = fs.readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')
  const generated = await openapiYaml()
  t.ok(committed === generated, 'openapi.yaml is stale: run `npm run openapi` and commit the result')
})
