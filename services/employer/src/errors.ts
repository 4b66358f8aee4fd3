import { ProblemError, conflict } from '@tongxin/service-platform';

/**
 * Problems specific to the employer service; the table in README.md documents each code.
 * Generic ones (VALIDATION_FAILED, NOT_FOUND, FORBIDDEN) come from @tongxin/service-platform.
 */
export const employerAlreadyRegistered = (existingId: string | undefined): ProblemError =>
  conflict(
    'EMPLOYER_ALREADY_REGISTERED',
    existingId
      ? `an employer with this credit code is already registered: ${existingId}`
      : 'an employer with this credit code is already registered',
    { ...(existingId ? { existingId } : {}), errors: [{ field: 'creditCode', message: 'already registered' }] },
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
