import { TOPICS } from '@tongxin/events';
import type { ConsumerOptions } from '@tongxin/service-platform';
import type { ApplicationMarkRepository } from '../repositories/application-mark-repository.ts';

/** The consumer of placement's application events: its group is `matching.applications`. */
export const APPLICATION_CONSUMER = 'applications';

export const APPLICATION_TYPES = ['application.submitted', 'application.status-changed'] as const;

/**
 * Keeps which openings each worker applied or was referred to (issue 17). Only the table is
 * written: matches and searches read a worker's marks from it before ranking, as they do the
 * "not interested" marks, so every instance sees them and a rolled-back batch leaves no trace.
 * The inbox makes each event count once; the repository's newest-wins update makes order moot.
 */
export function applicationConsumer(
  repo: ApplicationMarkRepository,
): ConsumerOptions<(typeof APPLICATION_TYPES)[number]> {
  return {
    name: APPLICATION_CONSUMER,
    topics: [TOPICS.placement],
    types: APPLICATION_TYPES,
    handle: (event, tx) => repo.record(tx, event.data.application),
  };
}
