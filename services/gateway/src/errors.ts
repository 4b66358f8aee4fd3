import { ProblemError, conflict, invalidField } from '@tongxin/service-platform';

/**
 * The problem codes the gateway answers itself (accounts, sign-in, routing), besides the platform's
 * VALIDATION_FAILED, NOT_FOUND, FORBIDDEN and AUTH_REQUIRED; behind `/api/v1/*` the services answer
 * with their own. These codes came before prefixes and are part of the sign-in contract the portal
 * and every client use (ADR 0004, 0005), so they keep their names.
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | BAD_CREDENTIALS | 401 | wrong username or password, or a disabled account (the same answer for each) | check them; ask an administrator |
 * | RATE_LIMITED | 429 | too many failed sign-ins (or password checks) from this address | wait for Retry-After |
 * | WEAK_PASSWORD | 400 | the new password is too short, the published demo password, the username or the current one (`errors` names the field) | choose another |
 * | WRONG_PASSWORD | 400 | `currentPassword` is not the account's password | give the current password |
 * | UNKNOWN_WORKER | 400 | the `workerId` an account is to act for names no worker record | register the worker first |
 * | UNKNOWN_EMPLOYER | 400 | the `employerId` an account is to act for names no employer | register the employer first |
 * | USERNAME_TAKEN | 409 | an account has this username | choose another |
 * | CANNOT_DISABLE_SELF | 409 | an administrator cannot disable their own account | ask another administrator |
 * | ROUTE_NOT_FOUND | 404 | no service serves this path | check the path (`/docs` lists them) |
 * | MALFORMED_URL | 400 | the URL has an invalid percent-encoding | encode it correctly |
 * | BODY_TOO_LARGE | 413 | the body is larger than the route accepts (spreadsheets may be larger than JSON) | send less |
 * | GW_ACTIVATION_CODE_INVALID | 400 | the activation code is wrong, already used, replaced by a newer one or expired (one answer for all; `errors` names `code`) | ask the village officer for a new code |
 * | GW_WORKER_HAS_ACCOUNT | 409 | the worker already has an account: the one an activation code is for (or a new code would be), or the one activating by phone code (known only after a right code) | sign in, or reset the password (by a code to the phone on record, or ask an administrator) |
 * | GW_CODE_INVALID | 400 | the one-time code is wrong, expired, used, locked (five wrong tries) or was never sent (the same answer for each) | ask for a new code |
 * | GW_CODE_REQUESTS_LIMITED | 429 | too many code requests for this phone (or username) or from this address | wait for Retry-After |
 * | SERVICE_UNAVAILABLE | 503 | the service behind the path is not running or did not answer, or could not confirm a linked record (with Retry-After) | retry shortly |
 */

export const badCredentials = (): ProblemError =>
  new ProblemError(401, 'BAD_CREDENTIALS', 'Unauthorized', 'wrong username or password');

export const tooManySignIns = (): ProblemError =>
  new ProblemError(429, 'RATE_LIMITED', 'Too many requests', 'too many failed sign-ins from this address');

export const weakPassword = (field: string, message: string): ProblemError =>
  invalidField(field, message, 'WEAK_PASSWORD');

export const wrongPassword = (): ProblemError =>
  invalidField('currentPassword', 'is not your current password', 'WRONG_PASSWORD');

/** `what`: the kind of record the account was to act for. */
export const unknownLinkedRecord = (field: string, what: 'worker' | 'employer'): ProblemError =>
  invalidField(field, `no ${what} has this id`, `UNKNOWN_${what.toUpperCase()}`);

export const usernameTaken = (username: string): ProblemError =>
  conflict('USERNAME_TAKEN', `username ${username} is taken`);

export const cannotDisableSelf = (): ProblemError =>
  conflict('CANNOT_DISABLE_SELF', 'an administrator cannot disable their own account');

export const routeNotFound = (method: string, url: string): ProblemError =>
  new ProblemError(404, 'ROUTE_NOT_FOUND', 'Not found', `no route ${method} ${url.split('?')[0]}`);

export const malformedUrl = (): ProblemError =>
  new ProblemError(400, 'MALFORMED_URL', 'Bad request', 'the URL has an invalid percent-encoding', {
    errors: [{ field: 'url', message: 'invalid percent-encoding' }],
  });

export const bodyTooLarge = (): ProblemError =>
  new ProblemError(413, 'BODY_TOO_LARGE', 'Payload too large', 'the request body is larger than this route accepts');

/** `detail` says which service and why; `cause`: the failed call, for the logs. */
export const serviceUnavailable = (detail: string, options: { cause?: unknown } = {}): ProblemError =>
  new ProblemError(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', detail, {}, options);

/** Wrong, used, voided or expired: one answer, so that a code's history is not told (ADR 0018). */
export const activationCodeInvalid = (): ProblemError =>
  invalidField(
    'code',
    'is not a valid activation code (wrong, used, replaced or expired)',
    'GW_ACTIVATION_CODE_INVALID',
  );

export const workerHasAccount = (): ProblemError =>
  conflict('GW_WORKER_HAS_ACCOUNT', 'this worker already has an account; sign in or reset the password');

/** Sign-ups or wrong activation codes from one address past their limit. */
export const tooManyTries = (detail: string): ProblemError =>
  new ProblemError(429, 'RATE_LIMITED', 'Too many requests', detail);
/** The same answer for every way a one-time code can fail (ADR 0014). */
export const codeInvalid = (): ProblemError =>
  new ProblemError(
    400,
    'GW_CODE_INVALID',
    'Bad request',
    'the code is wrong, expired, already used or locked; ask for a new one',
    { errors: [{ field: 'code', message: 'is wrong, expired, used or locked' }] },
  );

export const tooManyCodeRequests = (): ProblemError =>
  new ProblemError(
    429,
    'GW_CODE_REQUESTS_LIMITED',
    'Too many requests',
    'too many code requests for this phone or from this address',
  );
