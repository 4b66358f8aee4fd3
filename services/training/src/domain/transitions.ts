import type { BatchStatus, EnrollmentStatus } from './schemas.ts';

/**
 * Batch moves: announced (`scheduled`), taking enrolments (`open`), under way (`running`),
 * done (`finished`); `cancelled` before it ends. Enrolment is possible while scheduled or open.
 */
export const BATCH_MOVES: Record<BatchStatus, BatchStatus[]> = {
  scheduled: ['open', 'running', 'cancelled'],
  open: ['scheduled', 'running', 'cancelled'],
  running: ['finished', 'cancelled'],
  finished: [],
  cancelled: [],
};

/** Batch statuses in which workers may still be enrolled. */
export const ENROLLABLE: readonly BatchStatus[] = ['scheduled', 'open'];

/** `enrolled → attending → completed | failed`, `dropped` from any open step. */
export const ENROLLMENT_MOVES: Record<EnrollmentStatus, EnrollmentStatus[]> = {
  enrolled: ['attending', 'dropped'],
  attending: ['completed', 'failed', 'dropped'],
  completed: [],
  failed: [],
  dropped: [],
};

export const OPEN_ENROLLMENT: readonly EnrollmentStatus[] = ['enrolled', 'attending'];

export const canMoveBatch = (from: BatchStatus, to: BatchStatus): boolean => BATCH_MOVES[from].includes(to);
export const canMoveEnrollment = (from: EnrollmentStatus, to: EnrollmentStatus): boolean =>
  ENROLLMENT_MOVES[from].includes(to);
