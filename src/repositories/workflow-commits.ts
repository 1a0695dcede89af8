import type { Db } from './db-types.js'

interface Job {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** At most this many writes share one commit, which bounds the wait of the last of them. */
const MAX_BATCH = 256

/**
 * Group commit. Writes queued during one turn of the event loop run in one transaction, so a single
 * fsync makes all of them durable (with synchronous=FULL a commit costs an fsync; one per request caps
 * the API at the disk's fsync rate). Each write runs in its own savepoint: one that throws is rolled back
 * alone and rejects. Every promise settles only after COMMIT returned, so no caller can acknowledge a
 * write that is not on disk; if the transaction is lost, every write in it rejects.
 */
export function createGroupCommit(db: Db) {
  const client = db.$client
  const savepoint = client.transaction((work: () => unknown) => work())
  let queue: Job[] = []

  function flush() {
    const jobs = queue.splice(0, MAX_BATCH)
    if (queue.length) setImmediate(flush)
    const fail = (error: unknown) => {
      if (client.inTransaction) client.exec('ROLLBACK')
      for (const job of jobs) job.reject(error)
    }
    try {
      client.exec('BEGIN IMMEDIATE')
    } catch (error) {
      return fail(error)
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
    for (const job of jobs) {
      try {
        outcomes.push({ ok: true, value: savepoint(job.work) })
      } catch (error) {
        // Some errors (disk full, I/O) make SQLite roll back the whole transaction, taking the others' writes with it.
        if (!client.inTransaction) return fail(error)
        outcomes.push({ ok: false, error })
      }
    }
    try {
      client.exec('COMMIT')
    } catch (error) {
      return fail(error)
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) job.resolve(outcome.value)
      else job.reject(outcome.error)
    })
  }

  return {
    /** Runs `work` (synchronous database writes) in the next shared commit; resolves once that commit is durable. */
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush)
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      })
    },
  }
}
export type GroupCommit = ReturnType<typeof createGroupCommit>
