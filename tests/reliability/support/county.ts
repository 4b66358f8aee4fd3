import {
  type Stack,
  type StackOptions,
  eventually as harnessEventually,
  startStack,
  testEnvironment,
} from '@tongxin/test-harness';
import pg from 'pg';

/** Every service of the county, in the order the launcher starts them. */
export const ALL_SERVICES = ['worker-profile', 'employer', 'matching', 'training', 'placement'] as const;

/**
 * The whole county in this process (every service and the gateway), on the environment CI chose:
 * the embedded database and log, or PostgreSQL and the Kafka test broker.
 */
export async function startCounty(options: Partial<StackOptions> = {}): Promise<Stack> {
  const stack = await startStack({ services: [...ALL_SERVICES], env: testEnvironment(), ...options });
  return stack;
}

/** The harness's `eventually`, given the 20 s a whole county under fault injection may need. */
export const eventually = <T>(what: string, probe: () => Promise<T | undefined | false | null>, timeoutMs = 20_000) =>
  harnessEventually(what, probe, timeoutMs);

/** Runs read-only SQL on a database (what a service stored, checked beside the API). */
export async function sql<T = Record<string, unknown>>(url: string, text: string, args: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, args)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Runs `task` over `items` with at most `concurrency` in flight, keeping the order of results. */
export async function pool<I, O>(
  items: I[],
  concurrency: number,
  task: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]!, i);
      }
    }),
  );
  return out;
}
