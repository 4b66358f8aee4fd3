import { type CloudEvent, type EventType, createCloudEvent } from '@tongxin/events';
import { type Stack, eventually as waitUntil, stackBus } from '@tongxin/test-harness';

/** A producer on the stack's own bus, standing in for training and placement: events are checked against their contracts. */
export interface TestPublisher {
  publish(event: CloudEvent): Promise<void>;
  event<K extends EventType>(type: K, source: string, subject: string, data: unknown): CloudEvent<unknown, K>;
  close(): Promise<void>;
}

/** A publisher on the stack's bus, built as the services' runtime builds its own. */
export async function testPublisher(stack: Stack): Promise<TestPublisher> {
  const { publish, close } = await stackBus(stack.settings, 'test-publisher');
  return {
    publish: (event) => publish(event),
    event: (type, source, subject, data) => createCloudEvent({ type, source, subject, data }),
    close,
  };
}

/** Polls `probe` until it returns something truthy, or fails after `timeoutMs`. */
export const eventually = <T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000) =>
  waitUntil(what, probe, timeoutMs);
