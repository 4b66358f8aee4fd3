import type { EventSchemas } from '@tongxin/events';
import type { ServiceRuntime } from '@tongxin/service-platform';
import type { FastifyBaseLogger } from 'fastify';
import { CONSUMED, type EventEffects } from './event-effects.ts';

/**
 * One consumer group per source topic, so that a slow training topic never holds up
 * employment-status changes from placement; each handler runs once per event (inbox).
 * An event that breaks its contract is logged and skipped: retrying it would block its
 * partition forever, and the producer's outbox should have refused it in the first place.
 */
export async function registerConsumers(
  runtime: ServiceRuntime,
  effects: EventEffects,
  schemas: EventSchemas,
  log: FastifyBaseLogger,
): Promise<void> {
  for (const [topic, types] of Object.entries(CONSUMED)) {
    await runtime.consume({
      name: topic.replace('tongxin.', ''),
      topics: [topic],
      types: [...types],
      handle: async (event, tx) => {
        if (schemas.has(event.type)) {
          try {
            schemas.validate(event);
          } catch (err) {
            log.error({ err, eventId: event.id, type: event.type }, 'event breaks its contract; skipped');
            return;
          }
        }
        await effects.handle(event, tx);
      },
    });
  }
}
