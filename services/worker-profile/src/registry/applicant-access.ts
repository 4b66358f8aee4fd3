/**
 * When an employer sees an applicant's phone and ID number (PRODUCT.md §1, issue 12): while at
 * least one of its applications for the worker is at `interview`, `offered` or `hired` — hired
 * keeps it, an employer needs its employee's contact — and not while the employer is suspended.
 * Placement's `contactVisible` says the same per application.
 */
export const CONTACT_STATUSES: readonly string[] = ['interview', 'offered', 'hired'];

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
}

/** The status that grants access, the furthest along if several do; undefined if none does. */
export function contactStage(
  applications: readonly ApplicationAccess[],
  employerSuspended: boolean,
): string | undefined {
  if (employerSuspended) return undefined;
  return applications
    .map((a) => a.status)
    .filter((s) => CONTACT_STATUSES.includes(s))
    .sort((a, b) => PROGRESS[b]! - PROGRESS[a]!)[0];
}
