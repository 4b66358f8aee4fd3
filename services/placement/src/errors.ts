import { ProblemError, conflict } from '@tongxin/service-platform';

/**
 * The problem codes placement answers: its own, built here, and the platform's as placement uses them.
 * Until issue 13 most of its own had no `PLACEMENT_` prefix;
 * clients match on `code`, so the answer still carries the old code in `code` and the prefixed one
 * in `canonicalCode` (ADR 0005). Match on `canonicalCode` when present: the old codes are deprecated
 * and will be replaced by the canonical ones in `code`.
 *
 * | code | deprecated alias (answered in `code`) | status | meaning | fix |
 * |---|---|---|---|---|
 * | VALIDATION_FAILED | — | 400 | a field is missing or wrong (named in `errors`) | correct the field |
 * | FORBIDDEN | — | 403 | the role may not do this (e.g. an officer moving forward, a non-admin paying) | ask the right party |
 * | NOT_FOUND | — | 404 | no such record, or outside your scope (also a worker or opening placement has not heard of yet) | check the id or your scope; retry a moment after creating it |
 * | PLACEMENT_EMPLOYER_SUSPENDED | EMPLOYER_SUSPENDED | 403 | the employer is suspended: it moves no applications and sees no contact (`employerId`) | the county reinstates (verifies) it |
 * | PLACEMENT_APPLICATION_EXISTS | APPLICATION_EXISTS | 409 | the worker already has an open application to this opening | move the existing one |
 * | PLACEMENT_ILLEGAL_TRANSITION | ILLEGAL_TRANSITION | 409 | the application or subsidy cannot make that move from its status (`from`, `to`), or it was moved meanwhile | follow the pipeline; read it again |
 * | PLACEMENT_OPENING_NOT_OPEN | OPENING_NOT_OPEN | 409 | applications only to `open` openings | apply to an open one |
 * | PLACEMENT_OPENING_RESERVED_FOR_POOR | OPENING_RESERVED_FOR_POOR | 409 | 帮扶岗位: registered-poor or relocated workers only | refer an eligible worker |
 * | PLACEMENT_OPENING_FULL | OPENING_FULL | 409 | every place is taken (also the loser of a race for the last one) | ask the employer to raise the headcount |
 * | PLACEMENT_OPENING_CLOSED | OPENING_CLOSED | 409 | hiring on a closed opening | — |
 * | PLACEMENT_FOLLOW_UP_NOT_DUE | FOLLOW_UP_NOT_DUE | 409 | the follow-up's day has not come (`dueDate`) | record it from that day |
 * | PLACEMENT_FOLLOW_UP_RECORDED | FOLLOW_UP_RECORDED | 409 | that day's follow-up is already recorded | none needed |
 * | PLACEMENT_NOT_IN_INTERVIEW | — | 409 | an interview is set only while the application is in `interview` (`current`: its status) | move it to `interview` first (with the interview), or leave it |
 * | PLACEMENT_SEPARATED | — | 409 | the worker already left this job: no separation, no further follow-ups | — |
 * | PLACEMENT_QUOTA_BELOW_FILLED | — | 409 | a relocated village's quota below the reserved places its workers already fill (`errors` names `quota`; `filled`) | set a quota of at least `filled` |
 * | PLACEMENT_DESIGNATION_EXCEEDS_POSITIONS | — | 409 | the places designated for villages would exceed the opening's positions (`errors` names `places`; `headcount`, `designatedElsewhere`) | designate fewer places, or release another village's |
 */

/** The deprecated code a canonical one is still answered as (ADR 0005). */
const alias = (code: string, options: { cause?: unknown } = {}) => ({ ...options, alias: code });

export const employerSuspended = (employerId: string): ProblemError =>
  new ProblemError(
    403,
    'PLACEMENT_EMPLOYER_SUSPENDED',
    'Forbidden',
    `employer ${employerId} is suspended: it moves no applications and sees no applicant's contact until reinstated`,
    { employerId },
    alias('EMPLOYER_SUSPENDED'),
  );

/** `cause`: the unique violation that decided a race between two submissions. */
export const applicationExists = (options: { cause?: unknown } = {}): ProblemError =>
  conflict(
    'PLACEMENT_APPLICATION_EXISTS',
    'this worker already has an open application to this opening',
    {},
    alias('APPLICATION_EXISTS', options),
  );

export const applicationIllegalTransition = (from: string, to: string): ProblemError =>
  conflict(
    'PLACEMENT_ILLEGAL_TRANSITION',
    `an application that is ${from} cannot move to ${to}`,
    { from, to },
    alias('ILLEGAL_TRANSITION'),
  );

export const subsidyIllegalTransition = (from: string, to: string): ProblemError =>
  conflict(
    'PLACEMENT_ILLEGAL_TRANSITION',
    `a subsidy that is ${from} cannot become ${to}`,
    { from, to },
    alias('ILLEGAL_TRANSITION'),
  );

export const subsidyMovedMeanwhile = (): ProblemError =>
  conflict(
    'PLACEMENT_ILLEGAL_TRANSITION',
    'the subsidy was moved by someone else meanwhile',
    {},
    alias('ILLEGAL_TRANSITION'),
  );

export const openingNotOpen = (openingId: string, status: string): ProblemError =>
  conflict(
    'PLACEMENT_OPENING_NOT_OPEN',
    `opening ${openingId} is ${status}, not open for applications`,
    {},
    alias('OPENING_NOT_OPEN'),
  );

export const openingReservedForPoor = (): ProblemError =>
  conflict(
    'PLACEMENT_OPENING_RESERVED_FOR_POOR',
    'this opening is reserved for registered-poor and relocated workers (帮扶岗位)',
    {},
    alias('OPENING_RESERVED_FOR_POOR'),
  );

export const openingFull = (openingId: string, headcount: number): ProblemError =>
  conflict(
    'PLACEMENT_OPENING_FULL',
    `every place of opening ${openingId} is filled (headcount ${headcount})`,
    {},
    alias('OPENING_FULL'),
  );

export const openingClosed = (openingId: string): ProblemError =>
  conflict('PLACEMENT_OPENING_CLOSED', `opening ${openingId} is closed`, {}, alias('OPENING_CLOSED'));

export const followUpNotDue = (day: number, dueDate: string): ProblemError =>
  conflict(
    'PLACEMENT_FOLLOW_UP_NOT_DUE',
    `the ${day}-day follow-up falls due on ${dueDate}`,
    { dueDate },
    alias('FOLLOW_UP_NOT_DUE'),
  );

export const followUpRecorded = (day: number): ProblemError =>
  conflict(
    'PLACEMENT_FOLLOW_UP_RECORDED',
    `the ${day}-day follow-up of this placement is already recorded`,
    {},
    alias('FOLLOW_UP_RECORDED'),
  );

export const notInInterview = (status: string): ProblemError =>
  conflict('PLACEMENT_NOT_IN_INTERVIEW', `the application is ${status}: an interview is set while it is in interview`, {
    current: status,
  });

export const placementSeparated = (separatedAt: string | undefined): ProblemError =>
  conflict('PLACEMENT_SEPARATED', `the worker already left this job on ${separatedAt}`);

export const noFollowUpAfterSeparation = (separatedAt: string | undefined): ProblemError =>
  conflict('PLACEMENT_SEPARATED', `the worker left this job on ${separatedAt}; no further follow-ups`);

export const quotaBelowFilled = (villageCode: string, quota: number, filled: number): ProblemError =>
  conflict(
    'PLACEMENT_QUOTA_BELOW_FILLED',
    `village ${villageCode}: a quota of ${quota} is below the ${filled} reserved places its workers already fill`,
    { errors: [{ field: 'quota', message: `must be at least ${filled}, the places already filled` }], filled },
  );

export const designationExceedsPositions = (
  openingId: string,
  places: number,
  headcount: number,
  designatedElsewhere: number,
): ProblemError =>
  conflict(
    'PLACEMENT_DESIGNATION_EXCEEDS_POSITIONS',
    `opening ${openingId} has ${headcount} positions and ${designatedElsewhere} designated for other villages; ${places} more do not fit`,
    {
      errors: [{ field: 'places', message: `at most ${Math.max(headcount - designatedElsewhere, 0)}` }],
      headcount,
      designatedElsewhere,
    },
  );
