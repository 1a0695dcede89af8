import fp from 'fastify-plugin'
import type { Viewer } from './plugins/auth.js'

/** One thing that happened to a task, as the timeline shows it. */
export interface TimelineEntry {
  /** ISO-8601 instant. */
  at: string
  /** What kind of thing: transition, report, report-review, extension-request, extension-decision, notification, escalation … */
  kind: string
  /** Who did it; null for the system (workers). */
  actor: { id: number; name: string } | null
  /** One line a person can read, e.g. "dispatched → acknowledged". */
  summary: string
  comment?: string | null
  /** Ids and figures for clients: reportId, period, from/to, oldDeadline/newDeadline … */
  data?: Record<string, unknown>
}

/**
 * Everything one part of the system knows happened to a task, in any order. The viewer may read the task; a source
 * whose items are narrower than the task (a notice goes to one unit) leaves out what the viewer may not read.
 */
export type TimelineSource = (taskId: number, viewer: Viewer) => TimelineEntry[]

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Where GET /api/tasks/:id/timeline gathers entries from. A plugin adds its own with
     * `app.timelineSources.push((taskId) => entries)` once it depends on the `timeline` plugin.
     */
    timelineSources: TimelineSource[]
  }
}

/** Every source's entries for the task, oldest first; entries at the same instant keep source order. */
export function mergeTimeline(sources: readonly TimelineSource[], taskId: number, viewer: Viewer): TimelineEntry[] {
  return sources.flatMap((source) => source(taskId, viewer)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}

/** Decorates `app.timelineSources`, the timeline's extension point. */
export default fp(async (app) => {
  app.decorate('timelineSources', [])
}, { name: 'timeline' })
