import { buildApp } from './app.js'
import { ensureAdmin } from './bootstrap-admin.js'
import { ConfigError, loadConfig } from './config.js'
import { openDatabase } from './db/client.js'
import { startWorkers } from '../workers/start.js'

async function main() {
  const config = loadConfig()
  const db = openDatabase(config.databaseFile)
  const app = await buildApp({ config, db })
  const admin = await ensureAdmin(app.repos, app.sessionService, { adminToken: config.adminToken, adminPassword: config.adminPassword })
  if (admin.token) {
    process.stdout.write(`\nFirst start: created the admin user. Its API token (shown once, stored hashed):\n\n  ${admin.token}\n\n`)
  } else if (admin.created) {
    app.log.info('First start: created the admin user with ADMIN_TOKEN.')
  }
  if (admin.password) {
    process.stdout.write(`Console sign-in for the admin (shown once; it must be changed at the first sign-in):\n\n  login: ${admin.login}\n  password: ${admin.password}\n\n`)
  } else if (admin.login) {
    app.log.info(`The admin signs in to the console as "${admin.login}" with ADMIN_PASSWORD (to be changed at the first sign-in).`)
  }
  const workers = config.runWorkers ? await startWorkers({ config, db, repos: app.repos, log: app.log }) : null
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`)
    await workers?.close()
    await app.close()
    db.$client.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
  await app.listen({ port: config.port, host: config.host })
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`)
  process.exit(1)
})
