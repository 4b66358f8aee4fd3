import { existsSync } from 'node:fs';
import type { Test } from 'tap';

/**
 * Which real parts a test run uses, chosen by variables: the embedded database and event log by
 * default (a machine with only Node), this machine's PostgreSQL, the Kafka test broker, Redis and
 * Chromium when their variables ask for them.
 */
export interface TestEnvironment {
  postgresUrl?: string;
  kafka: boolean;
  redisUrl?: string;
  chromium: boolean;
}

export function testEnvironment(env: Record<string, string | undefined> = process.env): TestEnvironment {
  return {
    ...(env.TONGXIN_TEST_POSTGRES_URL ? { postgresUrl: env.TONGXIN_TEST_POSTGRES_URL } : {}),
    kafka: env.TONGXIN_TEST_KAFKA === '1',
    ...(env.TONGXIN_TEST_REDIS_URL ? { redisUrl: env.TONGXIN_TEST_REDIS_URL } : {}),
    chromium: env.TONGXIN_TEST_CHROMIUM === '1',
  };
}

export const describeEnvironment = (e: TestEnvironment): string =>
  `${e.postgresUrl ? 'postgres' : 'embedded-db'}+${e.kafka ? 'kafka' : 'embedded-bus'}`;

/** Where the portal journeys find their browser (Debian's `chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** What each suite beyond Node needs, and the variable that turns it on. */
export const EXTRA_SUITES = {
  kafka: {
    variable: 'TONGXIN_TEST_KAFKA=1',
    needs:
      'the Kafka test broker: Java 17 and Apache Kafka fetched by `bash infra/kafka/fetch.sh` (Maven); librdkafka’s mock for the fault tests (apt-get install gcc librdkafka-dev)',
  },
  postgres: {
    variable: 'TONGXIN_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres',
    needs: 'a PostgreSQL server',
  },
  redis: { variable: 'TONGXIN_TEST_REDIS_URL=redis://127.0.0.1:6379', needs: 'a Redis server' },
  chromium: {
    variable: 'TONGXIN_TEST_CHROMIUM=1',
    needs: `headless Chromium at ${CHROMIUM} (apt-get install chromium)`,
  },
} as const;
export type ExtraSuite = keyof typeof EXTRA_SUITES;

const asked = (e: TestEnvironment, extra: ExtraSuite): boolean =>
  extra === 'postgres' ? Boolean(e.postgresUrl) : extra === 'redis' ? Boolean(e.redisUrl) : e[extra];

/**
 * True when the test file may run a suite that needs `extra`. Otherwise the file plans no tests and
 * tap reports it skipped, naming what it needs and the variable that turns it on — so `npm test` on a
 * machine with only Node passes, and says what it did not run. Asked for but absent is a failure.
 */
export function runsWith(t: Test, extra: ExtraSuite, env: TestEnvironment = testEnvironment()): boolean {
  const { variable, needs } = EXTRA_SUITES[extra];
  if (!asked(env, extra)) {
    t.plan(0, `needs ${needs}; set ${variable} to run it`);
    return false;
  }
  if (extra === 'chromium' && !existsSync(CHROMIUM)) {
    throw new Error(`${variable} is set but ${CHROMIUM} is absent (apt-get install chromium)`);
  }
  return true;
}
