/** Follow-ups fall due this many days after the start date. */
export const FOLLOW_UP_DAYS = [30, 90, 180] as const;
export type FollowUpDay = (typeof FOLLOW_UP_DAYS)[number];
export type FollowUpState = 'done' | 'upcoming' | 'due' | 'overdue' | 'cancelled';

const DAY_MS = 86_400_000;

/** `date` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD (UTC calendar arithmetic, no time zones involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The state of one scheduled follow-up on `today`: due from its date, overdue once the grace
 * period has passed, cancelled when the placement ended before it fell due.
 */
export function followUpState(
  dueDate: string,
  today: string,
  graceDays: number,
  recorded: boolean,
  separatedAt?: string,
): FollowUpState {
  if (recorded) return 'done';
  // Once the worker has left the job nobody follows that job up any more.
  if (separatedAt) return 'cancelled';
  if (today < dueDate) return 'upcoming';
  return today > addDays(dueDate, graceDays) ? 'overdue' : 'due';
}
