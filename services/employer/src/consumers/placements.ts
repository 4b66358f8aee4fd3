import { TOPICS } from '@tongxin/events';
import type { ServiceRuntime } from '@tongxin/service-platform';
import type { PlacementEffects, PlacementFacts } from '../use-cases/placement-effects.ts';

interface PlacementData {
  placement: PlacementFacts & Record<string, unknown>;
  separatedAt?: string;
}

/** placement.hired / placement.separated → filled counts, opening status, intent progress. */
export async function consumePlacements(runtime: ServiceRuntime, effects: PlacementEffects): Promise<void> {
  await runtime.consume({
    name: 'placements',
    topics: [TOPICS.placement],
    types: ['placement.hired', 'placement.separated'],
    handle: async (event, tx) => {
      const data = event.data as PlacementData;
      const p = data.placement;
      const facts: PlacementFacts = {
        id: p.id,
        openingId: p.openingId,
        employerId: p.employerId,
        ...(typeof p.hiredAt === 'string' ? { hiredAt: p.hiredAt } : {}),
      };
      if (event.type === 'placement.hired') await effects.hired(tx, facts);
      else await effects.separated(tx, facts, data.separatedAt ?? event.time);
    },
  });
}
