import { weakPassword } from './errors.ts';

/** Shortest password the API accepts; accounts made before keep theirs until they change it. */
export const MIN_PASSWORD_LENGTH = 10;

/** The published password of the demo accounts: only the demo seed may set it (ADR 0004). */
export const DEMO_PASSWORD = 'Tongxin#2026';

/**
 * Refuses a password set through the API (new account, change, reset) that is too short, is the
 * demo's, or is the username; the problem names `field`. Seeding bypasses this on purpose.
 */
export function checkPassword(field: string, password: string, username: string, allowDemo = false): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw weakPassword(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (!allowDemo && password === DEMO_PASSWORD) {
    throw weakPassword(field, 'is the published demo password; choose another');
  }
  if (password.toLowerCase() === username.toLowerCase()) {
    throw weakPassword(field, 'must not be the username');
  }
}
