import fs from 'node:fs'
import { openapiYaml } from '../src/openapi-document.js'

fs.writeFileSync(new URL('../openapi.yaml', import.meta.url), await openapiYaml())
process.stdout.write('openapi.yaml written\n')
