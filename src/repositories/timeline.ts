import type { TimelineEntry, TimelineSource } from '../timeline.js'
import type { Db } from './db-types.js'

const actorOf = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' })

/** The workflow's timeline sources: status changes, reports and their reviews, extension requests and decisions. */
export function createWorkflowTimelineSources(db: Db): TimelineSource[] {
  const client = db.$client
  const transitions = client.prepare<[number], { at: string; action: string; fromStatus: string; toStatus: string; actorId: number | null; actorName: string | null; comment: string | null }>(
    `SELECT t.at, t.action, t.from_status AS fromStatus, t.to_status AS toStatus, t.actor_id AS actorId, u.name AS actorName, t.comment
     FROM task_transitions t LEFT JOIN users u ON u.id = t.actor_id WHERE t.task_id = ? ORDER BY t.id`,
  )
  const revisions = client.prepare<[number], { at: string; reportId: number; unitId: number; unitName: string; period: string; revision: number; percent: number; actorId: number; actorName: string }>(
    `SELECT rv.submitted_at AS at, r.id AS reportId, r.unit_id AS unitId, un.name AS unitName, r.period, rv.revision, rv.percent,
       rv.submitted_by AS actorId, u.name AS actorName
     FROM reports r JOIN report_revisions rv ON rv.report_id = r.id JOIN units un ON un.id = r.unit_id JOIN users u ON u.id = rv.submitted_by
     WHERE r.task_id = ? ORDER BY rv.id`,
  )
  const reviews = client.prepare<[number], { at: string; reportId: number; unitName: string; period: string; revision: number; decision: string; comment: string | null; actorId: number; actorName: string }>(
    `SELECT rr.at, r.id AS reportId, un.name AS unitName, r.period, rr.revision, rr.decision, rr.comment, rr.reviewer_id AS actorId, u.name AS actorName
     FROM report_reviews rr JOIN reports r ON r.id = rr.report_id JOIN units un ON un.id = r.unit_id JOIN users u ON u.id = rr.reviewer_id
     WHERE r.task_id = ? ORDER BY rr.id`,
  )
  const extensions = client.prepare<[number], {
    id: number; createdAt: string; unitName: string; oldDeadline: string | null; newDeadline: string; reason: string; status: string
    requestedById: number; requestedByName: string; decidedAt: string | null; decidedById: number | null; decidedByName: string | null; decisionComment: string | null
  }>(
    `SELECT e.id, e.created_at AS createdAt, un.name AS unitName, e.old_deadline AS oldDeadline, e.new_deadline AS newDeadline, e.reason, e.status,
       e.requested_by AS requestedById, rq.name AS requestedByName, e.decided_at AS decidedAt, e.decided_by AS decidedById, dc.name AS decidedByName,
       e.decision_comment AS decisionComment
     FROM extension_requests e JOIN units un ON un.id = e.unit_id JOIN users rq ON rq.id = e.requested_by LEFT JOIN users dc ON dc.id = e.decided_by
     WHERE e.task_id = ? ORDER BY e.id`,
  )

  const transitionEntries: TimelineSource = (taskId) => transitions.all(taskId).map((t) => ({
    at: t.at, kind: 'transition', actor: actorOf(t.actorId, t.actorName), summary: `${t.action}: ${t.fromStatus} → ${t.toStatus}`,
    comment: t.comment, data: { action: t.action, from: t.fromStatus, to: t.toStatus },
  }))
  const reportEntries: TimelineSource = (taskId) => revisions.all(taskId).map((r) => ({
    at: r.at, kind: 'report', actor: actorOf(r.actorId, r.actorName),
    summary: `${r.unitName} reported for ${r.period}${r.revision > 1 ? ` (revision ${r.revision})` : ''}: ${r.percent}%`,
    data: { reportId: r.reportId, unitId: r.unitId, unitName: r.unitName, period: r.period, revision: r.revision, percent: r.percent },
  }))
  const reviewEntries: TimelineSource = (taskId) => reviews.all(taskId).map((r) => ({
    at: r.at, kind: 'report-review', actor: actorOf(r.actorId, r.actorName),
    summary: `${r.decision === 'accept' ? 'Accepted' : 'Returned'} ${r.unitName}'s report for ${r.period}`,
    comment: r.comment, data: { reportId: r.reportId, unitName: r.unitName, period: r.period, revision: r.revision, decision: r.decision },
  }))
  const extensionEntries: TimelineSource = (taskId) => extensions.all(taskId).flatMap((e) => {
    const out: TimelineEntry[] = [{
      at: e.createdAt, kind: 'extension-request', actor: actorOf(e.requestedById, e.requestedByName),
      summary: `${e.unitName} asked to move the deadline to ${e.newDeadline}`, comment: e.reason,
      data: { extensionRequestId: e.id, unitName: e.unitName, newDeadline: e.newDeadline },
    }]
    if (e.decidedAt) {
      out.push({
        at: e.decidedAt, kind: 'extension-decision', actor: actorOf(e.decidedById, e.decidedByName),
        summary: e.status === 'approved' ? `Deadline moved from ${e.oldDeadline ?? 'none'} to ${e.newDeadline}` : `Extension to ${e.newDeadline} rejected`,
        comment: e.decisionComment, data: { extensionRequestId: e.id, decision: e.status === 'approved' ? 'approve' : 'reject', oldDeadline: e.oldDeadline, newDeadline: e.newDeadline },
      })
    }
    return out
  })
  // Registration order settles ties: a lead's first report comes before the status change it caused.
  return [reportEntries, transitionEntries, reviewEntries, extensionEntries]
}
