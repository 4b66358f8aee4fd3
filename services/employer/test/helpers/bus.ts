import { randomUUID } from 'node:crypto';
import type { CloudEvent, EventType } from '@tongxin/events';
import { type Stack, eventually as waitUntil, stackBus } from '@tongxin/test-harness';

/** A producer and consumer on the stack's own bus, standing in for placement and matching. */
export interface TestBus {
  /** Every event seen on the subscribed topics, in arrival order. */
  seen: CloudEvent[];
  publish(type: EventType, source: string, subject: string, data: unknown): Promise<CloudEvent>;
  /** Waits for an event of `type` whose data satisfies `match`. */
  waitFor(type: string, match?: (data: any) => boolean): Promise<CloudEvent<any>>;
  close(): Promise<void>;
}

/** Subscribes a fresh consumer group to `topics` on the stack's bus, and publishes through it. */
export async function testBus(stack: Stack, topics: string[]): Promise<TestBus> {
  const { bus, emit, close } = await stackBus(stack.settings);
  const seen: CloudEvent[] = [];
  const sub = await bus.subscribe({
    groupId: `test-consumer-${randomUUID()}`,
    topics,
    fromBeginning: true,
    handler: async (event) => {
      seen.push(event);
    },
  });
  return {
    seen,
    publish: (type, source, subject, data) => emit(type, source, subject, data),
    waitFor: (type, match = () => true) =>
      eventually(async () => seen.find((e) => e.type === type && match(e.data)), `${type} on the bus`),
    async close() {
      await sub.stop();
      await close();
    },
  };
}

/** Polls `probe` until it returns something truthy, or fails after `timeoutMs`. */
export const eventually = <T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000) =>
  waitUntil(what, probe, timeoutMs);
