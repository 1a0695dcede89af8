import { Queue, type DefaultJobOptions } from 'bullmq'
import type { Redis } from 'ioredis'
import { JOB_OPTIONS, QUEUE_NAMES, type QueueName } from './names.js'

export type Queues = Record<QueueName, Queue> & { list: Queue[]; close(): Promise<void> }

/**
 * The producers of every queue over one connection, namespaced by `prefix` (REDIS_PREFIX), each with its
 * retry and retention defaults (`jobOptions` overrides them: tests shorten the backoff). Over a connection
 * without an offline queue, adding fails at once while Redis is away (after it was first reached).
 */
export function createQueues(connection: Redis, prefix: string, opts: { jobOptions?: Partial<Record<QueueName, DefaultJobOptions>> } = {}): Queues {
  const make = (name: QueueName) => new Queue(name, { connection, prefix, defaultJobOptions: { ...JOB_OPTIONS[name], ...opts.jobOptions?.[name] } })
  const byName = Object.fromEntries(QUEUE_NAMES.map((n) => [n, make(n)])) as Record<QueueName, Queue>
  const list = QUEUE_NAMES.map((n) => byName[n])
  return { ...byName, list, close: async () => { await Promise.all(list.map((q) => q.close())) } }
}
