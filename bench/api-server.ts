// The API as the bench drives it: the real app over the seeded file, plus a bare hello route to compare with.
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000', RUN_WORKERS: 'false' })
const db = openDatabase(process.env.BENCH_DB!)
const app = await buildApp({ config, db, logger: false })
app.get('/hello', { config: { public: true }, schema: { hide: true } }, async () => ({ hello: 'world' }))
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : 0}\n`)
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
