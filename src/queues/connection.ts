import { Redis } from 'ioredis'

export interface RedisHandle {
  connection: Redis
  /** Closes the connection at once, without waiting for a server that may be gone. */
  close(): void
}

/**
 * A Redis connection for BullMQ: `maxRetriesPerRequest: null` as BullMQ requires, reconnecting for ever.
 * Workers wait for Redis (commands queue while it is away); producers `failFast`, so a caller is told at
 * once and can leave the work for later. `onDown` hears the first error of each outage, `onUp` its end.
 */
export function openRedis(url: string, opts: { failFast?: boolean; onDown?: (message: string) => void; onUp?: () => void } = {}): RedisHandle {
  let down = false
  const connection = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: !opts.failFast,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  })
  connection.on('error', (err: Error) => {
    if (!down) opts.onDown?.(err.message)
    down = true
  })
  connection.on('ready', () => {
    if (down) opts.onUp?.()
    down = false
  })
  return { connection, close: () => connection.disconnect() }
}

/** A connection being (re)established gets this long; after it, an outage is reported at once. */
export const CONNECT_WAIT_MS = 2000

/** Whether `redis` is ready, or becomes ready within `ms`: callers answer 503 rather than hang while Redis is away. */
export function readyWithin(redis: Redis, ms = CONNECT_WAIT_MS): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer)
      redis.off('ready', onReady)
      resolve(ok)
    }
    const onReady = () => done(true)
    const timer = setTimeout(() => done(false), ms)
    redis.once('ready', onReady)
  })
}
