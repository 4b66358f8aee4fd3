import { ProblemError, conflict, forbidden, invalidField } from '@tongxin/service-platform';

/**
 * The problem codes matching answers: the platform's, built here with matching's reasons, and its own
 * (saved searches, issue 15), so that every problem it raises is in one place.
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | VALIDATION_FAILED | 400 | a query parameter is wrong: an occupation not in the skill taxonomy, an unknown category, a bad cursor (`errors` names it) | use a taxonomy code, name or synonym; a category from `/api/v1/taxonomy` |
 * | FORBIDDEN | 403 | an employer asking for a worker's matches, or a worker for an opening's candidates | employers read candidates of their openings; workers their own matches |
 * | NOT_FOUND | 404 | no such worker or opening, not yet known to matching, or outside your scope; no saved search of yours with this id; marking "not interested" in an opening matching does not know | check the id; retry shortly after it was registered or published |
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

/** "Not interested" marks belong to worker accounts linked to their worker record. */
export const feedbackIsWorkers = (): ProblemError =>
  forbidden('"not interested" marks belong to a worker account linked to its worker record');

export const savedSearchLimit = (limit: number): ProblemError =>
  conflict('MATCHING_SAVED_SEARCH_LIMIT', `a worker keeps at most ${limit} saved searches; delete one first`, {
    limit,
  });

/** How far matching's read model is behind on the registry's events, as answers state it (ADR 0019). */
export interface Freshness {
  eventsBehind: number;
  secondsBehind: number | null;
}

/**
 * The header on answers computed from matching's read model (matches, candidates, search): how far
 * that model is behind the events, e.g. `events-behind=3, seconds-behind=1.5` — `seconds-behind`
 * left out when the bus cannot tell the age (Kafka, ADR 0019). 0 and 0 when caught up.
 */
export const FRESHNESS_HEADER = 'tongxin-data-freshness';

export const freshnessHeader = (f: Freshness): string =>
  `events-behind=${f.eventsBehind}` +
  (f.secondsBehind !== null ? `, seconds-behind=${Math.round(f.secondsBehind * 10) / 10}` : '');

/** One freshness over several topics: events summed, the oldest age, unknown if any behind topic's age is. */
export function combineFreshness(lags: { events: number; secondsBehind: number | null }[]): Freshness {
  let eventsBehind = 0;
  let secondsBehind: number | null = 0;
  for (const l of lags) {
    eventsBehind += l.events;
    if (l.events === 0) continue;
    secondsBehind =
      l.secondsBehind === null || secondsBehind === null ? null : Math.max(secondsBehind, l.secondsBehind);
  }
  return { eventsBehind, secondsBehind: eventsBehind === 0 ? 0 : secondsBehind };
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
