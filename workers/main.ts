// `npm run worker`: the queue workers, outbox relay and schedulers without the API. Run as many as you
// like against one Redis; SIGTERM (or SIGINT) lets running jobs finish within a time limit, then exits.
import { ConfigError, loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { shanghaiDate } from '../src/domain/dates.js'
import { createRepositories } from '../src/repositories/index.js'
import { jsonLogger } from './log.js'
import { SHUTDOWN_TIMEOUT_MS, startWorkers } from './start.js'

async function main() {
  const config = loadConfig()
  const log = jsonLogger(config.logLevel)
  const db = openDatabase(config.databaseFile)
  const repos = createRepositories(db, () => shanghaiDate(new Date()))
  const running = await startWorkers({ config, db, repos, log })
  log.info(`Workers started (prefix ${config.redisPrefix}, mail ${config.smtpUrl ? 'over SMTP' : `to ${config.outboxDir}`}).`)
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`${signal}: finishing running jobs (at most ${SHUTDOWN_TIMEOUT_MS / 1000} s), then exiting.`)
    // A hard stop should the close itself hang.
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS + 5000).unref()
    await running.close(SHUTDOWN_TIMEOUT_MS)
    db.$client.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`)
  process.exit(1)
})
