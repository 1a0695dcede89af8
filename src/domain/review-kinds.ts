/** What waits for the office's decision (审核): a 办结申请, a progress report, a 延期申请. */
export const REVIEW_KINDS = ['completion', 'report', 'extension'] as const
export type ReviewKind = (typeof REVIEW_KINDS)[number]
