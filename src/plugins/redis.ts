import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    /** Shared connection for producers (queues, the outbox relay); never blocks a request when Redis is down. */
    redis: Redis
    redisStatus: () => { ok: boolean; detail: string }
  }
}

export interface RedisPluginOptions {
  url: string
}

export default fp<RedisPluginOptions>(async (app, opts) => {
  let lastError = ''
  let warned = false
  const redis = new Redis(opts.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  })
  redis.on('error', (err: Error) => {
    lastError = err.message
    if (!warned) {
      warned = true
      app.log.warn(`Redis at ${opts.url} is unreachable (${err.message}); the API keeps serving, background work waits until it is back.`)
    }
  })
  redis.on('ready', () => {
    if (warned) app.log.info('Redis is reachable again.')
    warned = false
  })
  redis.connect().catch(() => { /* reported by the error listener; retried by retryStrategy */ })
  app.decorate('redis', redis)
  app.decorate('redisStatus', () => (redis.status === 'ready' ? { ok: true, detail: 'ready' } : { ok: false, detail: lastError || redis.status }))
  app.addHook('onClose', async () => {
    redis.disconnect()
  })
}, { name: 'redis' })
