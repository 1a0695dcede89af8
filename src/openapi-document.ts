import YAML from 'yaml'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { openDatabase } from './db/client.js'

/** The OpenAPI document as generated from the route schemas, in the form committed as openapi.yaml. */
export async function openapiYaml(): Promise<string> {
  const db = openDatabase(':memory:')
  const app = await buildApp({ config: loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' }), db, logger: false })
  try {
    await app.ready()
    return YAML.stringify(app.swagger(), { aliasDuplicateObjects: false })
  } finally {
    await app.close()
    db.$client.close()
  }
}
