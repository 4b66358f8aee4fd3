/** The application pipeline of PRODUCT.md §3 placement. */
export const PIPELINE = ['submitted', 'screening', 'interview', 'offered', 'hired'] as const;
export const OPEN_STATUSES = ['submitted', 'screening', 'interview', 'offered'] as const;
export type ApplicationStatus = (typeof PIPELINE)[number] | 'rejected' | 'withdrawn';
export type Actor = 'employer' | 'worker' | 'officer' | 'admin';

export const isOpen = (s: ApplicationStatus): boolean => (OPEN_STATUSES as readonly string[]).includes(s);

/**
 * Whether `from → to` is a legal move: one step forward along the pipeline, or `rejected` /
 * `withdrawn` from any open step. Skipping steps is refused so that every application
 * passes `interview`, the step that unmasks the applicant's contact to the employer.
 */
export function isLegalMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  if (!isOpen(from)) return false;
  if (to === 'rejected' || to === 'withdrawn') return true;
  const i = PIPELINE.indexOf(from as (typeof PIPELINE)[number]);
  return PIPELINE[i + 1] === to;
}

/**
 * Who may make which move: the employer moves its applicants forward or rejects them;
 * the worker and the worker's officer may only withdraw; administrators may do anything legal.
 */
export function mayMove(actor: Actor, to: ApplicationStatus): boolean {
  if (actor === 'admin') return true;
  if (actor === 'employer') return to !== 'withdrawn';
  return to === 'withdrawn';
}

/**
 * From `interview` on, the employer may see the applicant's phone and ID number (served by
 * worker-profile); no longer once the application is rejected or withdrawn, nor while the
 * employer is suspended.
 */
export const contactVisible = (s: ApplicationStatus, employerSuspended = false): boolean =>
  !employerSuspended && (s === 'interview' || s === 'offered' || s === 'hired');

const EVERY_STATUS: readonly ApplicationStatus[] = [...PIPELINE, 'rejected', 'withdrawn'];

/**
 * The moves `actor` may make now, in pipeline order: what a client offers as buttons instead of
 * restating the pipeline. An employer while suspended may make none.
 */
export function allowedMoves(actor: Actor, from: ApplicationStatus, employerSuspended = false): ApplicationStatus[] {
  if (actor === 'employer' && employerSuspended) return [];
  return EVERY_STATUS.filter((to) => isLegalMove(from, to) && mayMove(actor, to));
}
