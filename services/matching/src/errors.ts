import { ProblemError, conflict, forbidden, invalidField } from '@tongxin/service-platform';

/**
 * The problem codes matching answers: the platform's, built here with matching's reasons, and its own
 * (saved searches, issue 15), so that every problem it raises is in one place.
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | VALIDATION_FAILED | 400 | a query parameter is wrong: an occupation not in the skill taxonomy, an unknown category, a bad cursor (`errors` names it) | use a taxonomy code, name or synonym; a category from `/api/v1/taxonomy` |
 * | FORBIDDEN | 403 | an employer asking for a worker's matches, or a worker for an opening's candidates | employers read candidates of their openings; workers their own matches |
 * | NOT_FOUND | 404 | no such worker or opening, not yet known to matching, or outside your scope; no saved search of yours with this id | check the id; retry shortly after it was registered or published |
 * | MATCHING_NOT_YET_KNOWN | 503 | matching does not know this worker yet and its read model is behind the registry (`freshness` gives the registry events not yet applied and the age of the oldest); the worker may have just been registered (ADR 0019) | retry after the seconds in Retry-After |
 * | MATCHING_SAVED_SEARCH_LIMIT | 409 | the worker already keeps the most saved searches allowed (`limit`) | delete one first |
 */

export const employersSeeCandidatesOnly = (): ProblemError =>
  forbidden('employers see candidates through their openings');

export const workersSeeMatchesOnly = (): ProblemError => forbidden('workers see openings through their matches');

export const unknownOccupation = (): ProblemError =>
  invalidField('occupation', 'not a code, name or synonym in the skill taxonomy');

export const unknownCategory = (categories: string[]): ProblemError =>
  invalidField('category', `one of ${categories.join(', ')}`);

/** Saved searches belong to worker accounts linked to their worker record. */
export const savedSearchesAreWorkers = (): ProblemError =>
  forbidden('saved searches belong to a worker account linked to its worker record');

export const savedSearchLimit = (limit: number): ProblemError =>
  conflict('MATCHING_SAVED_SEARCH_LIMIT', `a worker keeps at most ${limit} saved searches; delete one first`, {
    limit,
  });

/** How far matching's read model is behind on the registry's events, as answers state it (ADR 0019). */
export interface Freshness {
  eventsBehind: number;
  secondsBehind: number | null;
}

/** Seconds a client waits before asking again for a worker matching does not know yet. */
export const NOT_YET_KNOWN_RETRY_AFTER_S = 2;

/** A worker matching has not heard of while it is still applying registry events: maybe just registered. */
export const matchingNotYetKnown = (workerId: string, freshness: Freshness): ProblemError =>
  new ProblemError(
    503,
    'MATCHING_NOT_YET_KNOWN',
    'Service unavailable',
    `matching does not know worker ${workerId} yet: it is ${freshness.eventsBehind} registry events behind` +
      (freshness.secondsBehind !== null ? ` (the oldest ${Math.round(freshness.secondsBehind)} s old)` : '') +
      '; retry after the time in Retry-After',
    { freshness },
  );
