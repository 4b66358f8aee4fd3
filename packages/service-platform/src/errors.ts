/** One invalid input, named by its JSON path (e.g. `skills/0/level`) or parameter name. */
export interface FieldError {
  field: string;
  message: string;
}

/** What a problem carries besides its answer. */
export interface ProblemOptions {
  /** What led to it (a database error, a failed call), for logs; never part of the answer. */
  cause?: unknown;
  /**
   * A deprecated code clients still match on: while it is set the answer keeps it in `code` and
   * adds the problem's own (canonical) code as `canonicalCode` (ADR 0005).
   */
  alias?: string;
}

/**
 * An error that becomes an RFC 9457 problem response. `code` is stable and documented (the
 * canonical code; the answer shows `alias` instead while one is set); `detail` is for people and may change.
 */
export class ProblemError extends Error {
  /** The deprecated code answered in `code` instead of the canonical one, if any. */
  readonly alias?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
    options: ProblemOptions = {},
  ) {
    super(detail ?? title, options);
    this.name = 'ProblemError';
    if (options.alias) this.alias = options.alias;
  }

  /** The code the answer carries: the deprecated alias while there is one, else the canonical code. */
  get answeredCode(): string {
    return this.alias ?? this.code;
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

/** A list of invalid fields found at once (the checks a schema cannot make). */
export const invalidFields = (errors: FieldError[]): ProblemError =>
  badRequest('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

export const notFound = (what: string, id: string): ProblemError =>
  new ProblemError(404, 'NOT_FOUND', 'Not found', `${what} ${id} does not exist or is outside your scope`);

export const conflict = (
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  options: ProblemOptions = {},
): ProblemError => new ProblemError(409, code, 'Conflict', detail, extra, options);
