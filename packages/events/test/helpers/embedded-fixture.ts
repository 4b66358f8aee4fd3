import type { Test } from 'tap';
import { createPool, createTestDatabase, type TestDatabase } from '@tongxin/db';
import type pg from 'pg';
import { EmbeddedBus, type EmbeddedBusOptions } from '../../src/index.ts';
import type { BusFixture } from './bus-contract.ts';
import { recordingLogger } from './logger.ts';

/** Short timings so lease takeovers happen within a test. */
export const EMBEDDED_TIMINGS = { pollIntervalMs: 50, leaseMs: 1_500 } as const;

export interface EmbeddedBackend {
  fixture: () => BusFixture & {
    connectionString: string;
    bus(options?: Partial<EmbeddedBusOptions>): Promise<EmbeddedBus>;
  };
}

/** A fresh database (embedded PGlite, or PostgreSQL at `postgresUrl`) and buses on it, all closed at teardown. */
export function embeddedBackend(t: Test, postgresUrl?: string): EmbeddedBackend {
  let db: TestDatabase | undefined;
  let pool: pg.Pool | undefined;
  const buses: EmbeddedBus[] = [];
  t.before(async () => {
    db = await createTestDatabase(postgresUrl);
    pool = createPool(db.connectionString, { max: 10 });
  });
  t.teardown(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await pool?.end();
    await db?.drop();
  });
  const bus = async (options: Partial<EmbeddedBusOptions> = {}): Promise<EmbeddedBus> => {
    const b = new EmbeddedBus({
      pool: pool!,
      logger: recordingLogger(),
      stopGraceMs: 1_000,
      ...EMBEDDED_TIMINGS,
      ...options,
    });
    await b.connect();
    buses.push(b);
    return b;
  };
  return {
    fixture: () => ({
      pool: pool!,
      connectionString: db!.connectionString,
      deliveryTimeoutMs: 15_000,
      bus,
      newBus: (o) =>
        bus({ ...(o?.retry ? { retry: o.retry } : {}), ...(o?.stopGraceMs ? { stopGraceMs: o.stopGraceMs } : {}) }),
    }),
  };
}
