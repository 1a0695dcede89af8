import type { ReportStatus, ReviewDecision } from '../db/schema/index.js'
import { conflict, notFound, unprocessable, type ProblemField } from '../http/problem.js'
import type { Viewer } from '../plugins/auth.js'
import type { Db } from './db-types.js'
import type { Attachment, FilesRepository } from './files.js'
import type { IdName, TaskRow, TasksRepository } from './tasks.js'
import { inWriteTransaction, type WorkflowRepository, type WriteOptions } from './workflow.js'

export interface TargetValue { targetId: number; actual: number }

/** 进展报告 as a unit submits it; actuals are cumulative for each target's year. */
export interface ReportInput {
  /** YYYY-MM */
  period: string
  progress: string
  problems?: string | null
  nextSteps?: string | null
  percent: number
  targetValues: TargetValue[]
  /** Evidence: the submitter's own unattached uploads. */
  attachmentIds?: number[]
}

export interface ReviewView { decision: ReviewDecision; comment: string | null; reviewer: IdName; revision: number; at: string }

/** A report as its current revision reads, with the review of that revision if there is one. */
export interface ReportView {
  id: number
  taskId: number
  unit: IdName
  period: string
  revision: number
  status: ReportStatus
  progress: string
  problems: string | null
  nextSteps: string | null
  percent: number
  targetValues: TargetValue[]
  submittedBy: IdName
  submittedAt: string
  firstSubmittedAt: string
  review: ReviewView | null
  /** Evidence of every revision: a new revision adds files, never removes them. */
  attachments: Attachment[]
}

export type RevisionView = Pick<ReportView, 'revision' | 'progress' | 'problems' | 'nextSteps' | 'percent' | 'targetValues' | 'submittedBy' | 'submittedAt'>

export type ReportDetail = ReportView & { revisions: RevisionView[]; reviews: ReviewView[] }

interface ReportRow {
  id: number; taskId: number; unitId: number; unitName: string; period: string; revision: number; status: ReportStatus; firstSubmittedAt: string
  revisionId: number; progress: string; problems: string | null; nextSteps: string | null; percent: number
  submittedById: number; submittedByName: string; submittedAt: string
}

interface ReviewRow { reportId: number; revision: number; decision: ReviewDecision; comment: string | null; reviewerId: number; reviewerName: string; at: string }

const REPORT_SELECT = `SELECT r.id, r.task_id AS taskId, r.unit_id AS unitId, u.name AS unitName, r.period, rv.revision, r.status,
    r.first_submitted_at AS firstSubmittedAt, rv.id AS revisionId, rv.progress, rv.problems, rv.next_steps AS nextSteps, rv.percent,
    rv.submitted_by AS submittedById, su.name AS submittedByName, rv.submitted_at AS submittedAt
  FROM reports r JOIN units u ON u.id = r.unit_id
  JOIN report_revisions rv ON rv.report_id = r.id
  JOIN users su ON su.id = rv.submitted_by`

export interface ReportsDeps {
  tasks: TasksRepository
  workflow: WorkflowRepository
  files: FilesRepository
  now: () => Date
  today: () => string
}

/** Progress reports (调度): submission with revisions, listing and the office's review. */
export function createReportsRepository(db: Db, deps: ReportsDeps) {
  const client = db.$client
  const targetsOf = client.prepare<[number], { id: number; year: number }>('SELECT id, year FROM targets WHERE task_id = ?')
  const upsertReport = client.prepare<[number, number, string, string, string], { id: number; revision: number; firstSubmittedAt: string }>(
    `INSERT INTO reports (task_id, unit_id, period, revision, status, first_submitted_at, updated_at) VALUES (?, ?, ?, 1, 'submitted', ?, ?)
     ON CONFLICT (task_id, unit_id, period) DO UPDATE SET revision = revision + 1, status = 'submitted', updated_at = excluded.updated_at
     RETURNING id, revision, first_submitted_at AS firstSubmittedAt`,
  )
  const insertRevision = client.prepare<[number, number, string, string | null, string | null, number, number, string]>(
    'INSERT INTO report_revisions (report_id, revision, progress, problems, next_steps, percent, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const insertActual = client.prepare<[number, number, number]>('INSERT INTO report_target_actuals (revision_id, target_id, actual) VALUES (?, ?, ?)')
  const latestLeadPeriod = client.prepare<[number, number], { period: string | null }>(
    `SELECT MAX(r.period) AS period FROM reports r
     WHERE r.task_id = ? AND r.unit_id IN (SELECT unit_id FROM task_units WHERE task_id = ? AND role = 'lead')`,
  )
  const unitName = client.prepare<[number], { name: string }>('SELECT name FROM units WHERE id = ?')
  const reportById = client.prepare<[number], ReportRow>(`${REPORT_SELECT} WHERE r.id = ? AND rv.revision = r.revision`)
  const reportsOfTask = client.prepare<[{ taskId: number; period: string | null; unitId: number | null; afterId: number; limit: number }], ReportRow>(
    `${REPORT_SELECT} WHERE r.task_id = @taskId AND rv.revision = r.revision AND r.id > @afterId
       AND (@period IS NULL OR r.period = @period) AND (@unitId IS NULL OR r.unit_id = @unitId)
     ORDER BY r.id LIMIT @limit`,
  )
  const revisionsOf = client.prepare<[number], ReportRow>(`${REPORT_SELECT} WHERE r.id = ? ORDER BY rv.revision`)
  const insertReview = client.prepare<[number, number, ReviewDecision, string | null, number, string]>(
    'INSERT INTO report_reviews (report_id, revision, decision, comment, reviewer_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const setReportStatus = client.prepare<[ReportStatus, string, number]>('UPDATE reports SET status = ?, updated_at = ? WHERE id = ?')

  function actualsOf(revisionIds: number[]): Map<number, TargetValue[]> {
    const out = new Map<number, TargetValue[]>(revisionIds.map((id) => [id, []]))
    if (revisionIds.length === 0) return out
    const rows = client.prepare<[string], { revisionId: number; targetId: number; actual: number }>(
      'SELECT revision_id AS revisionId, target_id AS targetId, actual FROM report_target_actuals WHERE revision_id IN (SELECT value FROM json_each(?)) ORDER BY target_id',
    ).all(JSON.stringify(revisionIds))
    for (const r of rows) out.get(r.revisionId)!.push({ targetId: r.targetId, actual: r.actual })
    return out
  }

  function reviewsOf(reportIds: number[]): Map<number, ReviewView[]> {
    const out = new Map<number, ReviewView[]>(reportIds.map((id) => [id, []]))
    if (reportIds.length === 0) return out
    const rows = client.prepare<[string], ReviewRow>(
      `SELECT rr.report_id AS reportId, rr.revision, rr.decision, rr.comment, rr.reviewer_id AS reviewerId, u.name AS reviewerName, rr.at
       FROM report_reviews rr JOIN users u ON u.id = rr.reviewer_id WHERE rr.report_id IN (SELECT value FROM json_each(?)) ORDER BY rr.id`,
    ).all(JSON.stringify(reportIds))
    for (const r of rows) {
      out.get(r.reportId)!.push({ decision: r.decision, comment: r.comment, reviewer: { id: r.reviewerId, name: r.reviewerName }, revision: r.revision, at: r.at })
    }
    return out
  }

  const revisionView = (r: ReportRow, targetValues: TargetValue[]): RevisionView => ({
    revision: r.revision, progress: r.progress, problems: r.problems, nextSteps: r.nextSteps, percent: r.percent, targetValues,
    submittedBy: { id: r.submittedById, name: r.submittedByName }, submittedAt: r.submittedAt,
  })

  function toViews(rows: ReportRow[]): ReportView[] {
    const actuals = actualsOf(rows.map((r) => r.revisionId))
    const reviews = reviewsOf(rows.map((r) => r.id))
    const attachments = deps.files.attachmentsOf('report', rows.map((r) => r.id))
    return rows.map((r) => ({
      id: r.id, taskId: r.taskId, unit: { id: r.unitId, name: r.unitName }, period: r.period, status: r.status, firstSubmittedAt: r.firstSubmittedAt,
      ...revisionView(r, actuals.get(r.revisionId)!),
      review: reviews.get(r.id)!.filter((v) => v.revision === r.revision).pop() ?? null,
      attachments: attachments.get(r.id)!,
    }))
  }

  function validate(row: TaskRow, input: ReportInput) {
    const errors: ProblemField[] = []
    const month = deps.today().slice(0, 7)
    if (input.period > month) errors.push({ in: 'body', field: 'period', detail: `is after the current month ${month}` })
    const years = new Map(input.targetValues.length ? targetsOf.all(row.id).map((t) => [t.id, t.year]) : [])
    const seen = new Set<number>()
    input.targetValues.forEach(({ targetId }, i) => {
      const field = `targetValues/${i}/targetId`
      const year = years.get(targetId)
      if (year === undefined) errors.push({ in: 'body', field, detail: `target ${targetId} is not a target of task ${row.id}` })
      else if (String(year) !== input.period.slice(0, 4)) errors.push({ in: 'body', field, detail: `target ${targetId} is for ${year}; actuals are reported in periods of that year` })
      if (seen.has(targetId)) errors.push({ in: 'body', field, detail: `target ${targetId} is given twice` })
      seen.add(targetId)
    })
    if (errors.length) throw unprocessable(errors.map((e) => `${e.field} ${e.detail}`).join('; '), errors)
  }

  function requireReport(id: number, viewer: Viewer): ReportRow {
    const row = reportById.get(id)
    if (!row) throw notFound(`Report ${id}`)
    deps.tasks.requireVisibleRow(row.taskId, viewer)
    return row
  }

  return {
    /**
     * Submits the unit's report for a period: the first for that task, unit and period, or a new revision of it.
     * The lead's report sets the task's percent when it is for the latest period the leads reported, and the
     * lead's first report starts the work (acknowledged → in_progress).
     */
    submit(taskId: number, input: ReportInput, viewer: Viewer, opts: WriteOptions<ReportView> = {}): ReportView {
      return inWriteTransaction(db, () => {
        const { row, kind, to, changed } = deps.workflow.authorize(taskId, 'report', viewer, { ifMatch: opts.ifMatch, validate: (task) => validate(task, input) })
        const unitId = viewer.unitId!
        const at = deps.now().toISOString()
        const report = upsertReport.get(taskId, unitId, input.period, at, at)!
        const problems = input.problems ?? null
        const nextSteps = input.nextSteps ?? null
        const revisionId = Number(insertRevision.run(report.id, report.revision, input.progress, problems, nextSteps, input.percent, viewer.id, at).lastInsertRowid)
        for (const v of input.targetValues) insertActual.run(revisionId, v.targetId, v.actual)
        const added = deps.files.attachFiles(db, { fileIds: input.attachmentIds ?? [], ownerType: 'report', ownerId: report.id, taskId, viewer })
        const attachments = report.revision === 1 ? added : deps.files.attachmentsOf('report', [report.id]).get(report.id)!
        const followsPercent = kind === 'lead' && input.period >= (latestLeadPeriod.get(taskId, taskId)?.period ?? '') && input.percent !== row.percent
        if (changed) {
          deps.workflow.changeStatus(row, { action: 'report', to, actorId: viewer.id, comment: null, at }, followsPercent ? { percent: input.percent } : {})
        } else if (followsPercent) {
          deps.workflow.updateTask(row, { percent: input.percent })
        }
        const statusChanged = changed ? { from: row.status, to } : null
        deps.workflow.recordAudit({
          actorId: viewer.id, action: 'report.submit', entityType: 'report', entityId: report.id,
          after: { taskId, unitId, revision: report.revision, ...input, statusChanged },
        })
        deps.workflow.recordEvent('report.submitted', taskId, {
          actorId: viewer.id, reportId: report.id, unitId, period: input.period, revision: report.revision, percent: input.percent, statusChanged,
        })
        const view: ReportView = {
          id: report.id, taskId, unit: { id: unitId, name: unitName.get(unitId)!.name }, period: input.period, revision: report.revision,
          status: 'submitted', progress: input.progress, problems, nextSteps, percent: input.percent, targetValues: input.targetValues,
          submittedBy: { id: viewer.id, name: viewer.name }, submittedAt: at, firstSubmittedAt: report.firstSubmittedAt, review: null, attachments,
        }
        opts.remember?.(view)
        return view
      })
    },

    /** The reports on a task, each as its current revision reads; id order. */
    list(taskId: number, viewer: Viewer, filter: { period?: string; unitId?: number; afterId?: number; limit: number }): ReportView[] {
      deps.tasks.requireVisibleRow(taskId, viewer)
      const rows = reportsOfTask.all({ taskId, period: filter.period ?? null, unitId: filter.unitId ?? null, afterId: filter.afterId ?? 0, limit: filter.limit })
      return toViews(rows)
    },

    /** One report with every revision and review, oldest first. */
    get(id: number, viewer: Viewer): ReportDetail {
      const current = requireReport(id, viewer)
      const revisions = revisionsOf.all(id)
      const actuals = actualsOf(revisions.map((r) => r.revisionId))
      return {
        ...toViews([current])[0]!,
        revisions: revisions.map((r) => revisionView(r, actuals.get(r.revisionId)!)),
        reviews: reviewsOf([id]).get(id)!,
      }
    },

    /** The office accepts or returns the current revision; returning needs a comment. */
    review(id: number, input: { decision: ReviewDecision; comment?: string | null }, viewer: Viewer, opts: WriteOptions<ReportView> = {}): ReportView {
      return inWriteTransaction(db, () => {
        const report = requireReport(id, viewer)
        const comment = input.comment?.trim() || null
        if (input.decision === 'return' && !comment) {
          throw unprocessable('Returning a report needs a comment saying what to correct.', [{ in: 'body', field: 'comment', detail: 'is required when decision is return' }])
        }
        if (report.status !== 'submitted') {
          throw conflict(`Revision ${report.revision} of report ${id} is already ${report.status}; it can be reviewed again once the unit resubmits.`, { currentState: report.status, allowedActions: [] })
        }
        const at = deps.now().toISOString()
        const status: ReportStatus = input.decision === 'accept' ? 'accepted' : 'returned'
        insertReview.run(id, report.revision, input.decision, comment, viewer.id, at)
        setReportStatus.run(status, at, id)
        deps.workflow.recordAudit({ actorId: viewer.id, action: 'report.review', entityType: 'report', entityId: id, before: { status: report.status }, after: { status, revision: report.revision, decision: input.decision, comment } })
        deps.workflow.recordEvent('report.reviewed', report.taskId, {
          actorId: viewer.id, reportId: id, unitId: report.unitId, period: report.period, revision: report.revision, decision: input.decision, comment,
        })
        const view = toViews([reportById.get(id)!])[0]!
        opts.remember?.(view)
        return view
      })
    },
  }
}
export type ReportsRepository = ReturnType<typeof createReportsRepository>
