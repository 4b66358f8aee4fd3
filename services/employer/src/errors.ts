import { ProblemError, conflict } from '@tongxin/service-platform';

/**
 * The problem codes the employer service answers: its own, built here, and the platform's as it uses
 * them (VALIDATION_FAILED, FORBIDDEN, NOT_FOUND come from @tongxin/service-platform).
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | VALIDATION_FAILED | 400 | a field is wrong; `errors[]` names each | correct the named fields |
 * | FORBIDDEN | 403 | the role may not do this (a worker registering an employer, an employer changing its credit code or acting for another company) | ask county staff |
 * | NOT_FOUND | 404 | no such employer, opening or intent, or not yours to see | check the id |
 * | EMPLOYER_ALREADY_REGISTERED | 409 | the credit code is registered; `existingId` names the employer (absent when a racing registration won) | use that employer |
 * | EMPLOYER_ACCOUNT_ALREADY_LINKED | 409 | this employer account already acts for a company (`existingId`) | one company per account |
 * | EMPLOYER_ILLEGAL_TRANSITION | 409 | not a move of `pending → verified → suspended → verified` (`from`, `to`) | — |
 * | EMPLOYER_NOT_VERIFIED | 409 | an unverified or suspended employer's opening cannot open | verify the employer first |
 * | OPENING_ILLEGAL_TRANSITION | 409 | not a move people may ask for (`from`, `to`) | see the status diagram |
 * | OPENING_CLOSED | 409 | a closed opening no longer changes | post a new opening |
 * | OPENING_PAST_CLOSING | 409 | opening an opening whose closing date passed | set a later `closingDate` |
 */
/** `existingId` when known; `cause`: the unique violation that decided a race. */
export const employerAlreadyRegistered = (
  existingId: string | undefined,
  options: { cause?: unknown } = {},
): ProblemError =>
  conflict(
    'EMPLOYER_ALREADY_REGISTERED',
    existingId
      ? `an employer with this credit code is already registered: ${existingId}`
      : 'an employer with this credit code is already registered',
    { ...(existingId ? { existingId } : {}), errors: [{ field: 'creditCode', message: 'already registered' }] },
    options,
  );

export const accountAlreadyLinked = (employerId: string): ProblemError =>
  conflict('EMPLOYER_ACCOUNT_ALREADY_LINKED', `this account already acts for employer ${employerId}`, {
    existingId: employerId,
  });

export const employerIllegalTransition = (from: string, to: string): ProblemError =>
  conflict('EMPLOYER_ILLEGAL_TRANSITION', `an employer cannot move from ${from} to ${to}`, { from, to });

export const employerNotVerified = (employerId: string): ProblemError =>
  conflict('EMPLOYER_NOT_VERIFIED', `employer ${employerId} is not verified: its openings cannot open`, {
    errors: [{ field: 'status', message: 'only verified employers may open openings' }],
  });

export const openingIllegalTransition = (from: string, to: string): ProblemError =>
  conflict(
    'OPENING_ILLEGAL_TRANSITION',
    to === 'filled'
      ? 'an opening is filled by hires reaching its headcount, not on request'
      : `an opening cannot move from ${from} to ${to}`,
    { from, to, errors: [{ field: 'status', message: `cannot move from ${from} to ${to}` }] },
  );

export const openingClosed = (id: string): ProblemError =>
  conflict('OPENING_CLOSED', `opening ${id} is closed and can no longer change`);

export const openingPastClosing = (closingDate: string): ProblemError =>
  conflict('OPENING_PAST_CLOSING', `the closing date ${closingDate} has passed: set a later closingDate to open it`, {
    errors: [{ field: 'closingDate', message: 'has passed' }],
  });
