import { ProblemError, conflict } from '@tongxin/service-platform';

/**
 * Stable problem codes of the training service (besides the platform's VALIDATION_FAILED,
 * NOT_FOUND, FORBIDDEN, AUTH_REQUIRED):
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | TRAINING_BATCH_FULL | 409 | every place of the batch is taken | choose another batch, or raise its capacity |
 * | TRAINING_BATCH_NOT_ENROLLING | 409 | the batch is running, finished or cancelled | enrol while it is scheduled or open |
 * | TRAINING_BATCH_NOT_UPCOMING | 409 | a worker may enrol themself only before the batch starts | ask the officer |
 * | TRAINING_ALREADY_ENROLLED | 409 | the worker already holds an open enrolment in the batch | none needed |
 * | TRAINING_ILLEGAL_TRANSITION | 409 | the status move is not allowed from the current status | see the moves in the docs |
 * | TRAINING_WORKER_UNKNOWN | 404 | no such worker (or not yet known to training, or outside your scope) | check the id; retry shortly after registering |
 * | TRAINING_CAPACITY_BELOW_ENROLLED | 409 | capacity cannot drop below the places already taken | drop enrolments first |
 * | TRAINING_BATCH_OUT_OF_SCOPE | 403 | the batch's place is outside your townships: only its township's officers and administrators schedule, change or cancel it and run its roster | ask that township's officers (a worker's own officer may still enrol or drop them) |
 */
export const batchFull = (batchId: string, capacity: number): ProblemError =>
  conflict('TRAINING_BATCH_FULL', `batch ${batchId} has no place left (capacity ${capacity})`, { batchId, capacity });

export const batchNotEnrolling = (status: string): ProblemError =>
  conflict('TRAINING_BATCH_NOT_ENROLLING', `the batch is ${status} and takes no enrolments`, { batchStatus: status });

export const batchNotUpcoming = (): ProblemError =>
  conflict('TRAINING_BATCH_NOT_UPCOMING', 'workers enrol themselves only in batches that have not started');

export const alreadyEnrolled = (workerId: string): ProblemError =>
  conflict('TRAINING_ALREADY_ENROLLED', `worker ${workerId} already holds an open enrolment in this batch`, {
    workerId,
  });

export const illegalTransition = (what: string, from: string, to: string, allowed: string[]): ProblemError =>
  conflict('TRAINING_ILLEGAL_TRANSITION', `a ${what} cannot move from ${from} to ${to}`, { from, to, allowed });

export const workerUnknown = (workerId: string): ProblemError =>
  new ProblemError(
    404,
    'TRAINING_WORKER_UNKNOWN',
    'Not found',
    `worker ${workerId} does not exist or is outside your scope`,
    {
      errors: [{ field: 'workerId', message: 'no such worker in your scope' }],
    },
  );

export const capacityBelowEnrolled = (enrolled: number): ProblemError =>
  conflict('TRAINING_CAPACITY_BELOW_ENROLLED', `capacity cannot be lower than the ${enrolled} places taken`, {
    enrolled,
  });

export const batchOutOfScope = (regionCode: string): ProblemError =>
  new ProblemError(
    403,
    'TRAINING_BATCH_OUT_OF_SCOPE',
    'Forbidden',
    `the batch's place ${regionCode} is outside your townships: its township's officers or an administrator manage it`,
    { errors: [{ field: 'place/regionCode', message: 'is outside your townships' }] },
  );
