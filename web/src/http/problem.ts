import type { components } from '@/api/schema'

export type ProblemBody = components['schemas']['Problem'] & { code?: string; [key: string]: unknown }

/** An RFC 9457 problem from the API, with its field errors keyed by field name (last path segment too). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string | undefined
  readonly problem: ProblemBody
  /** Field name → message, e.g. `newPassword` → "密码至少 8 位". */
  readonly fields: Record<string, string>

  constructor(status: number, problem: ProblemBody) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
    this.status = status
    this.problem = problem
    this.code = typeof problem.code === 'string' ? problem.code : undefined
    this.fields = {}
    for (const e of problem.errors ?? []) {
      const field = e.field.replace(/^\//, '')
      this.fields[field] ??= e.detail
      const leaf = field.split('/').pop()
      if (leaf && leaf !== field) this.fields[leaf] ??= e.detail
    }
  }

  /** Someone else changed the record since it was read (If-Match refused). */
  get stale(): boolean { return this.status === 412 }
}

/** Turns any failed response into an ApiError, whether or not its body is a problem document. */
export async function toApiError(response: Response, body?: unknown): Promise<ApiError> {
  let problem = body as ProblemBody | undefined
  if (problem === undefined) problem = (await response.clone().json().catch(() => undefined)) as ProblemBody | undefined
  if (!problem || typeof problem !== 'object') problem = { type: 'about:blank', title: response.statusText || '请求失败', status: response.status }
  return new ApiError(response.status, problem)
}

/** The message to show for an error that names no field. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 429) return '操作过于频繁，请稍后再试'
    if (err.status >= 500) return '服务器出错，请稍后再试'
    return err.problem.detail ?? err.problem.title
  }
  if (err instanceof TypeError) return '无法连接服务器，请检查网络'
  return err instanceof Error ? err.message : String(err)
}
