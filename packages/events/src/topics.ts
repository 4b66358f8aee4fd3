import { EventsError } from './errors.ts';

/** The domain topics of PRODUCT.md §5. */
export const TOPICS = {
  worker: 'tongxin.worker',
  employer: 'tongxin.employer',
  opening: 'tongxin.opening',
  training: 'tongxin.training',
  placement: 'tongxin.placement',
  ledger: 'tongxin.ledger',
  /** Sign-in accounts (the gateway): every service hears of revoked sessions. */
  account: 'tongxin.account',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

const topicByPrefix: ReadonlyMap<string, Topic> = new Map([
  ['worker', TOPICS.worker],
  // A household is made of workers: its events travel with theirs.
  ['household', TOPICS.worker],
  // A self-registration request becomes a worker: it travels with the registry's events.
  ['registration-request', TOPICS.worker],
  ['employer', TOPICS.employer],
  ['opening', TOPICS.opening],
  ['recruitment-intent', TOPICS.opening],
  // A worker's saved searches are answered by openings: their matches travel with them.
  ['saved-search', TOPICS.opening],
  ['course', TOPICS.training],
  ['batch', TOPICS.training],
  ['enrollment', TOPICS.training],
  ['training', TOPICS.training],
  ['application', TOPICS.placement],
  ['placement', TOPICS.placement],
  ['subsidy', TOPICS.placement],
  ['relocated-village', TOPICS.placement],
  ['ledger', TOPICS.ledger],
  ['party', TOPICS.ledger],
  ['service', TOPICS.ledger],
  ['income', TOPICS.ledger],
  // The union organisation and the villages' 七有 standard are ledgers of the programme too.
  ['union', TOPICS.ledger],
  ['village', TOPICS.ledger],
  ['account', TOPICS.account],
]);

/**
 * The topic an event type is published on, by its first dotted segment
 * (`worker.registered` → `tongxin.worker`). Throws `EVENTS_UNKNOWN_EVENT_TYPE` otherwise,
 * because an event on a guessed topic would never reach its consumers.
 */
export function topicForEventType(type: string): Topic {
  const dot = type.indexOf('.');
  const topic = dot > 0 && dot < type.length - 1 ? topicByPrefix.get(type.slice(0, dot)) : undefined;
  if (!topic) {
    throw new EventsError('EVENTS_UNKNOWN_EVENT_TYPE', `no topic for event type "${type}"`);
  }
  return topic;
}

/** How a topic must be laid out on the broker (ADR 0002): created so by the services, checked at every start. */
export interface TopicSpec {
  /** Partitions: Kafka's unit of order and of parallelism within a consumer group. */
  partitions: number;
  /** Topic configs that must hold exactly (values as Kafka's describeConfigs reports them). */
  configs: Record<string, string>;
}

/**
 * Every topic is an event log that consumers replay from its first event (read models, a new
 * service, a rebuilt search index): retention forever, never compacted, because each event is a
 * change, not a state — compaction would keep a worker's last event and drop the registration the
 * others refine (ADR 0002 lists the reasoning per topic).
 */
const FOREVER: Record<string, string> = { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' };

/** Default partitions per topic: divisible by the 2 and 3 instances a service runs with. */
export const DEFAULT_TOPIC_PARTITIONS = 6;

/** The layout of every domain topic, for `partitions` partitions each. */
export function topicSpecs(partitions = DEFAULT_TOPIC_PARTITIONS): Record<Topic, TopicSpec> {
  const spec = (): TopicSpec => ({ partitions, configs: { ...FOREVER } });
  return {
    [TOPICS.worker]: spec(),
    [TOPICS.employer]: spec(),
    [TOPICS.opening]: spec(),
    [TOPICS.training]: spec(),
    [TOPICS.placement]: spec(),
    [TOPICS.ledger]: spec(),
    [TOPICS.account]: spec(),
  };
}
