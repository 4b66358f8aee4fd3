import { eventually as waitUntil, stackBus } from '@tongxin/test-harness';

/**
 * A producer on the stack's bus, built from the stack's settings exactly as the services'
 * runtime builds its own. Tests use it to publish the events of services that are not running
 * (employer, training); every event is checked against its contract first.
 */
export async function testPublisher(settings: Record<string, string>) {
  const { publish, close } = await stackBus(settings, 'matching-test');
  return { publish, close };
}

/** Polls until `check` returns a value, every 75 ms for up to 15 s. */
export const eventually = <T>(check: () => Promise<T | undefined | false>, what = 'condition') =>
  waitUntil(what, check);
