/**
 * Which real parts a test run uses, chosen by the CI script: the embedded database and
 * event log by default, this machine's PostgreSQL, the Kafka test broker and Redis when set.
 */
export interface TestEnvironment {
  postgresUrl?: string;
  kafka: boolean;
  redisUrl?: string;
}

export function testEnvironment(env: Record<string, string | undefined> = process.env): TestEnvironment {
  return {
    ...(env.TONGXIN_TEST_POSTGRES_URL ? { postgresUrl: env.TONGXIN_TEST_POSTGRES_URL } : {}),
    kafka: env.TONGXIN_TEST_KAFKA === '1',
    ...(env.TONGXIN_TEST_REDIS_URL ? { redisUrl: env.TONGXIN_TEST_REDIS_URL } : {}),
  };
}

export const describeEnvironment = (e: TestEnvironment): string =>
  `${e.postgresUrl ? 'postgres' : 'embedded-db'}+${e.kafka ? 'kafka' : 'embedded-bus'}`;
