import type { PhoneOf } from './store.ts';

/**
 * INTERIM, until the `signup` work (migration 0004) lands AccountRepository.phoneOf: no account has a
 * phone verified by a code yet, so none is returned and no SMS is queued. app.ts replaces this with
 * `(db, id) => accounts.phoneOf(db, id)` at the merge (ADR 0013).
 */
export const phoneOfUntilSignupLands: PhoneOf = async () => undefined;
