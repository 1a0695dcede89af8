/** An RFC 9457 problem the API answers with; thrown anywhere, rendered by the one error handler. */
export interface ProblemField {
  /** Where the bad value was: body, querystring, params or headers. */
  in: string
  /** The field's name or JSON path, e.g. `leadUnitIds` or `targets/0/year`. */
  field: string
  detail: string
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title)
  }
}

export const badRequest = (detail: string, errors?: ProblemField[]) =>
  new Problem(400, 'Bad Request', detail, errors ? { errors } : {})
export const forbidden = (detail = 'Your role does not allow this action.') => new Problem(403, 'Forbidden', detail)
export const notFound = (what: string) => new Problem(404, 'Not Found', `${what} was not found.`)
export const conflict = (detail: string, extensions: Record<string, unknown> = {}) => new Problem(409, 'Conflict', detail, extensions)
export const preconditionFailed = (detail: string) => new Problem(412, 'Precondition Failed', detail)
export const unprocessable = (detail: string, errors?: ProblemField[]) =>
  new Problem(422, 'Unprocessable Content', detail, errors ? { errors } : {})
