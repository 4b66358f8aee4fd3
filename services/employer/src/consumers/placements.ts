import { TOPICS } from '@tongxin/events';
import type { ServiceRuntime } from '@tongxin/service-platform';
import type { PlacementEffects, PlacementFacts } from '../use-cases/placement-effects.ts';

/** placement.hired / placement.separated → filled counts, opening status, intent progress. */
export async function consumePlacements(runtime: ServiceRuntime, effects: PlacementEffects): Promise<void> {
  await runtime.consume({
    name: 'placements',
    topics: [TOPICS.placement],
    types: ['placement.hired', 'placement.separated'],
    handle: async (event, tx) => {
      const { id, openingId, employerId, hiredAt } = event.data.placement;
      const facts: PlacementFacts = { id, openingId, employerId, hiredAt };
      if (event.type === 'placement.hired') await effects.hired(tx, facts);
      else await effects.separated(tx, facts, event.data.separatedAt);
    },
  });
}
