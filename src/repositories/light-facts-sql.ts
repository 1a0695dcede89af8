// The SQL the facts of a light (src/domain/lights.ts) are read with, over `tasks t` filtered by a scope: as they
// are now, for the stored lights (src/repositories/lights.ts), or as they stood before the instant `@end`, for
// the summaries (src/summaries/load.ts). Rows are positional: read them with `.raw()`.

/** Per target: [targetId, actual], oldest first, so the last row per target is the latest period (then revision) a lead reported, as plan progress reads it. */
const actuals = (scope: string, asOf: boolean) => `SELECT a.target_id, a.actual FROM tasks t
    JOIN reports r ON r.task_id = t.id AND r.status <> 'returned'
    JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id AND tu.role = 'lead'
    JOIN report_revisions rv ON rv.report_id = r.id AND ${asOf
      // The revision in force then: the latest submitted before the instant.
      ? 'rv.id = (SELECT MAX(v.id) FROM report_revisions v WHERE v.report_id = r.id AND v.submitted_at < @end)'
      : 'rv.revision = r.revision'}
    JOIN report_target_actuals a ON a.revision_id = rv.id
    WHERE ${scope} ORDER BY r.period, rv.id`

/** Per task: [taskId, the latest period (YYYY-MM) a lead unit reported for]. */
const reported = (scope: string, asOf: boolean) => `SELECT r.task_id, max(r.period) FROM tasks t JOIN reports r ON r.task_id = t.id
    JOIN task_units tu ON tu.task_id = r.task_id AND tu.unit_id = r.unit_id AND tu.role = 'lead'
    WHERE ${scope}${asOf ? ' AND r.first_submitted_at < @end' : ''} GROUP BY r.task_id`

/** Per task: [taskId, the instant (ISO-8601 UTC) it was first dispatched]. */
const dispatched = (scope: string, asOf: boolean) => `SELECT d.task_id, min(d.at) FROM tasks t
    JOIN task_transitions d ON d.task_id = t.id AND d.action = 'dispatch'${asOf ? ' AND d.at < @end' : ''}
    WHERE ${scope} GROUP BY d.task_id`

/** The queries for the tasks `scope` selects (a condition on `t`); `asOf`: as they stood before `@end`. */
export function lightFactQueries(scope: string, { asOf }: { asOf: boolean }) {
  return { actuals: actuals(scope, asOf), reported: reported(scope, asOf), dispatched: dispatched(scope, asOf) }
}
