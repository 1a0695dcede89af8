import type { Job, Queue, QueueEvents } from 'bullmq'

const POLL_MS = 1000

/**
 * Resolves with the job's return value once it completes, or rejects once it fails or `ms` pass. Listens
 * to the queue's events and also looks at the job every second: an event published before the listener
 * was reading the stream would otherwise be missed.
 */
export async function waitForJob(queue: Queue, job: Job, events: QueueEvents, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined
  let settled = false
  const poll = new Promise<unknown>((resolve, reject) => {
    const look = async () => {
      if (settled) return
      const state = await job.getState().catch(() => 'unknown')
      if (state === 'completed') return resolve((await queue.getJob(job.id!))?.returnvalue)
      if (state === 'failed') return reject(new Error('failed'))
      timer = setTimeout(() => void look(), POLL_MS)
    }
    timer = setTimeout(() => void look(), POLL_MS)
  })
  const event = job.waitUntilFinished(events, ms)
  // Whichever loses the race may still settle later; that is expected, not an unhandled rejection.
  poll.catch(() => {})
  event.catch(() => {})
  try {
    return await Promise.race([event, poll])
  } finally {
    settled = true
    clearTimeout(timer)
  }
}
