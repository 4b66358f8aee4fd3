import { type ProblemError, conflict, forbidden, invalidField } from '@tongxin/service-platform';

/**
 * The problem codes matching answers: the platform's, built here with matching's reasons, and its own
 * (saved searches, issue 15), so that every problem it raises is in one place.
 *
 * | code | status | meaning | fix |
 * |---|---|---|---|
 * | VALIDATION_FAILED | 400 | a query parameter is wrong: an occupation not in the skill taxonomy, an unknown category, a bad cursor (`errors` names it) | use a taxonomy code, name or synonym; a category from `/api/v1/taxonomy` |
 * | FORBIDDEN | 403 | an employer asking for a worker's matches, or a worker for an opening's candidates | employers read candidates of their openings; workers their own matches |
 * | NOT_FOUND | 404 | no such worker or opening, not yet known to matching, or outside your scope; no saved search of yours with this id | check the id; retry shortly after it was registered or published |
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
