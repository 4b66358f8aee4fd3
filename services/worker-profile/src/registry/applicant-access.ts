/**
 * When an employer sees an applicant's phone and ID number (PRODUCT.md §1, issue 12): while at
 * least one of its applications for the worker gives it (placement's rule, carried by its events as
 * `contactVisible`) and not while the employer is suspended.
 *
 * Application events written before placement carried the flag have only a status; for those, the
 * rule as it stood when they were written (interview, offered, hired) is applied.
 */
export const contactVisibleBefore = (status: string): boolean => ['interview', 'offered', 'hired'].includes(status);

/**
 * Position along placement's pipeline. Every legal move raises it (one step forward, or
 * `rejected` / `withdrawn` from an open step; `hired`, `rejected` and `withdrawn` are final), so
 * it breaks ties between events of one application that carry the same `updatedAt`.
 */
export const PROGRESS: Readonly<Record<string, number>> = {
  submitted: 1,
  screening: 2,
  interview: 3,
  offered: 4,
  hired: 5,
  rejected: 6,
  withdrawn: 6,
};

/** What worker-profile keeps of one application, for its employer's access to the applicant. */
export interface ApplicationAccess {
  status: string;
  contactVisible: boolean;
}

/** The status that grants access, the furthest along if several do; undefined if none does. */
export function contactStage(
  applications: readonly ApplicationAccess[],
  employerSuspended: boolean,
): string | undefined {
  if (employerSuspended) return undefined;
  return applications
    .filter((a) => a.contactVisible)
    .map((a) => a.status)
    .sort((a, b) => (PROGRESS[b] ?? 0) - (PROGRESS[a] ?? 0))[0];
}
