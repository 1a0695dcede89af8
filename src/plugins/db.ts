import fp from 'fastify-plugin'
import type { Db } from '../db/client.js'
import { shanghaiDate } from '../domain/dates.js'
import { createRepositories, type Repositories } from '../repositories/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    repos: Repositories
    /** "Now" for the domain; tests and time travel replace it. */
    clock: () => Date
    /** Today's date in Asia/Shanghai. */
    today: () => string
  }
}

export interface DbPluginOptions {
  db: Db
  clock?: () => Date
}

export default fp<DbPluginOptions>(async (app, opts) => {
  const clock = opts.clock ?? (() => new Date())
  const today = () => shanghaiDate(clock())
  app.decorate('db', opts.db)
  app.decorate('clock', clock)
  app.decorate('today', today)
  app.decorate('repos', createRepositories(opts.db, today, clock))
}, { name: 'db' })
