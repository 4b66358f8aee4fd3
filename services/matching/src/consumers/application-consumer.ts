import { TOPICS } from '@tongxin/events';
import type { ConsumerOptions } from '@tongxin/service-platform';
import type { MatchStore } from '../domain/match-store.ts';
import type { ApplicationMarkRepository } from '../repositories/application-mark-repository.ts';

/** The consumer of placement's application events: its group is `matching.applications`. */
export const APPLICATION_CONSUMER = 'applications';

export const APPLICATION_TYPES = ['application.submitted', 'application.status-changed'] as const;

/**
 * Keeps which openings each worker applied or was referred to (issue 17): the table, then the
 * in-memory copy with the mark as the table now has it, as the read model's consumer does (ADR
 * 0007). The inbox makes each event count once; the repository's newest-wins update makes order
 * moot, so a batch rolled back and delivered again puts the same marks.
 */
export function applicationConsumer(
  repo: ApplicationMarkRepository,
  store: MatchStore,
): ConsumerOptions<(typeof APPLICATION_TYPES)[number]> {
  return {
    name: APPLICATION_CONSUMER,
    topics: [TOPICS.placement],
    types: APPLICATION_TYPES,
    handle: async (event, tx) => {
      const a = event.data.application;
      store.putApplication(a.workerId, a.openingId, await repo.record(tx, a));
    },
  };
}
