/** One invalid input, named by its JSON path (e.g. `skills/0/level`) or parameter name. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error that becomes an RFC 9457 problem response. `code` is stable and documented;
 * `detail` is for people and may change.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
    /** What led to it (a database error, a failed call), for logs; never part of the answer. */
    options?: { cause?: unknown },
  ) {
    super(detail ?? title, options);
    this.name = 'ProblemError';
  }
}

export const badRequest = (code: string, detail: string, errors: FieldError[] = []): ProblemError =>
  new ProblemError(400, code, 'Bad request', detail, { errors });

/** A single invalid field: the most common 400 a use case raises. */
export const invalidField = (field: string, message: string, code = 'VALIDATION_FAILED'): ProblemError =>
  new ProblemError(400, code, 'Validation failed', `${field}: ${message}`, { errors: [{ field, message }] });

export const unauthorized = (detail = 'a valid bearer token is required'): ProblemError =>
  new ProblemError(401, 'AUTH_REQUIRED', 'Unauthorized', detail);

export const forbidden = (detail = 'outside your scope'): ProblemError =>
  new ProblemError(403, 'FORBIDDEN', 'Forbidden', detail);

export const notFound = (what: string, id: string): ProblemError =>
  new ProblemError(404, 'NOT_FOUND', 'Not found', `${what} ${id} does not exist or is outside your scope`);

export const conflict = (code: string, detail: string, extra: Record<string, unknown> = {}): ProblemError =>
  new ProblemError(409, code, 'Conflict', detail, extra);
