import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FieldError, ProblemError } from './errors.ts';
import { localizeProblem, problemLanguage } from './problem-language.ts';
import { toFieldErrors } from './validation.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  canonicalCode?: string;
  detail?: string;
  instance: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

const TYPE_BASE = 'https://tongxin.example/problems/';

/** Sends a problem+json body; one place so every error of every service has the same shape. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: ProblemError): FastifyReply {
  // While a code is deprecated the answer is what clients know (its type too) and names the new one.
  const code = err.answeredCode;
  // The words follow Accept-Language (Chinese by default); code, type and field names never do.
  const text = localizeProblem(
    { code: err.code, status: err.status, title: err.title, detail: err.detail, errors: err.extra.errors },
    problemLanguage(request),
  );
  const body: Problem = {
    type: TYPE_BASE + code.toLowerCase().replaceAll('_', '-'),
    title: text.title,
    status: err.status,
    code,
    ...(err.alias ? { canonicalCode: err.code } : {}),
    ...(text.detail ? { detail: text.detail } : {}),
    instance: request.url,
    ...err.extra,
    ...(text.errors ? { errors: text.errors } : {}),
  };
  return reply.status(err.status).type('application/problem+json').send(body);
}

/** Maps framework errors (validation, parsing, limits) to stable codes, and hides internals of 5xx. */
export function toProblem(err: FastifyError): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err.validation) {
    const errors = toFieldErrors(err.validation as never, err.validationContext);
    return new ProblemError(
      400,
      'VALIDATION_FAILED',
      'Validation failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      { errors },
    );
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError(400, 'MALFORMED_JSON', 'Malformed JSON', 'the request body is not valid JSON', {
        errors: [{ field: 'body', message: 'malformed JSON' }],
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError(
        413,
        'BODY_TOO_LARGE',
        'Payload too large',
        'the request body is larger than this route accepts',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'send application/json');
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return new ProblemError(
        429,
        'RATE_LIMITED',
        'Too many requests',
        'slow down and retry after the time in Retry-After',
      );
  }
  if (err.statusCode === 429) {
    return new ProblemError(
      429,
      'RATE_LIMITED',
      'Too many requests',
      'slow down and retry after the time in Retry-After',
    );
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new ProblemError(err.statusCode, 'BAD_REQUEST', 'Bad request', err.message);
  }
  if (isPoolWaitTimeout(err)) {
    return new ProblemError(
      503,
      'OVERLOADED',
      'Service unavailable',
      'the database is busy; retry after the time in Retry-After',
    );
  }
  return new ProblemError(500, 'INTERNAL', 'Internal error', 'an unexpected error occurred; it has been logged');
}

/**
 * node-postgres's pool gave up waiting for a free connection: the request never reached the database,
 * so the caller may simply retry — a 503 with Retry-After, not a 500. Also when a repository wrapped it.
 */
function isPoolWaitTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message === 'timeout exceeded when trying to connect') return true;
  }
  return false;
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = toProblem(err);
    // A 503 raised on purpose (a ProblemError: shedding load, a read model catching up) is an answer, not a fault.
    if (problem.status === 503 && !(err instanceof ProblemError)) {
      request.log.warn({ err }, 'request refused: the database pool is exhausted');
      reply.header('retry-after', '2');
    } else if (problem.status >= 500 && !(err instanceof ProblemError && problem.status === 503))
      request.log.error({ err }, 'request failed');
    else
      request.log.info(
        { code: problem.code, ...(problem.alias ? { alias: problem.alias } : {}), status: problem.status },
        'request refused',
      );
    if (problem.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '1');
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      new ProblemError(404, 'ROUTE_NOT_FOUND', 'Not found', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
