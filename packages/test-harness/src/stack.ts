import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type TestDatabase, createTestDatabase } from '@tongxin/db';
import { GatewayConfig, buildGateway, ensureAccounts } from '@tongxin/gateway';
import { createLogger, loadConfig } from '@tongxin/service-platform';
import type { FastifyInstance } from 'fastify';
import { ApiClient } from './client.ts';
import { type TestEnvironment, testEnvironment } from './environment.ts';
import { deleteStackTopics, stackPrefix, testKafkaBrokers } from './kafka-shared.ts';
import { type ServiceName, startService } from './services.ts';

export const DEMO_PASSWORD = 'Tongxin#2026';

/** Accounts every stack has: an administrator and two officers of different townships of 和顺县. */
export const STACK_ACCOUNTS = [
  { username: 'admin', role: 'admin' as const, displayName: '县管理员' },
  { username: 'officer.yixing', role: 'officer' as const, displayName: '义兴镇工作组', regions: ['140723100'] },
  { username: 'officer.songyan', role: 'officer' as const, displayName: '松烟镇工作组', regions: ['140723102'] },
];

export interface StackOptions {
  services: ServiceName[];
  env?: TestEnvironment;
  /** Extra settings for every service (e.g. shorter timings). */
  settings?: Record<string, string>;
  /**
   * A Kafka broker of the test's own (e.g. one it SIGKILLs), used instead of the run's shared one;
   * implies Kafka whatever the environment says.
   */
  kafkaBrokers?: string[];
  /** Where the services and the gateway write their log lines (stdout when not given). */
  logStream?: { write(line: string): void };
}

export interface Stack {
  api: ApiClient;
  env: TestEnvironment;
  db: TestDatabase;
  /** The Kafka broker (shared by the test run) and this stack's prefix of topics and groups on it. */
  kafka?: { brokers: string[]; prefix: string };
  /** The environment the services were started with: enough to start another instance. */
  settings: Record<string, string>;
  services: Partial<Record<ServiceName, FastifyInstance>>;
  login(username: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a fresh database (and Kafka test broker when asked), the requested services
 * in this process on free ports, and the gateway in front of them.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const env = options.env ?? testEnvironment();
  const db = await createTestDatabase(env.postgresUrl);
  const kafka = options.kafkaBrokers
    ? { brokers: options.kafkaBrokers, prefix: stackPrefix() }
    : env.kafka
      ? { brokers: await testKafkaBrokers(), prefix: stackPrefix() }
      : undefined;
  const settings: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TONGXIN_TEST_LOG ?? 'silent',
    DATABASE_URL: db.connectionString,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(32).toString('hex'),
    PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    KAFKA_BROKERS: kafka ? kafka.brokers.join(',') : '',
    ...(kafka
      ? {
          // As docker-compose.yml runs them: the idempotent producer, on a real broker.
          KAFKA_IDEMPOTENT: 'true',
          KAFKA_TOPIC_PREFIX: kafka.prefix,
          // Fewer than production's 6: every stack of the run has its topics on the one broker.
          KAFKA_TOPIC_PARTITIONS: '3',
        }
      : {}),
    ...(options.settings ?? {}),
  };
  const services: Partial<Record<ServiceName, FastifyInstance>> = {};
  const urls: Record<string, string> = {};
  for (const name of options.services) {
    const app = await startService(
      name,
      settings,
      createLogger(name, settings.LOG_LEVEL ?? 'silent', options.logStream),
    );
    urls[name] = await app.listen({ host: '127.0.0.1', port: 0 });
    services[name] = app;
  }
  await ensureAccounts(
    db.connectionString,
    STACK_ACCOUNTS.map((a) => ({ ...a, password: DEMO_PASSWORD })),
  );
  const gatewayConfig = loadConfig(GatewayConfig, {
    ...settings,
    REDIS_URL: env.redisUrl ?? '',
    // Stacks share the machine's Redis: each keeps its own counters.
    RATE_LIMIT_NAMESPACE: `tongxin-rl-${randomBytes(4).toString('hex')}-`,
    RATE_LIMIT_PER_MINUTE: settings.RATE_LIMIT_PER_MINUTE ?? '100000',
    WORKER_PROFILE_URL: urls['worker-profile'] ?? '',
    EMPLOYER_URL: urls.employer ?? '',
    MATCHING_URL: urls.matching ?? '',
    TRAINING_URL: urls.training ?? '',
    PLACEMENT_URL: urls.placement ?? '',
  });
  const gateway = await buildGateway(
    gatewayConfig,
    createLogger('gateway', gatewayConfig.LOG_LEVEL, options.logStream),
  );
  const api = new ApiClient(await gateway.listen({ host: '127.0.0.1', port: 0 }));
  await gateway.openapi.refresh();

  return {
    api,
    env,
    db,
    ...(kafka ? { kafka } : {}),
    settings,
    services,
    async login(username, password = DEMO_PASSWORD) {
      const r = await api.post('/api/v1/auth/token', { username, password });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.accessToken as string;
    },
    async stop() {
      await gateway.close();
      for (const app of Object.values(services).reverse()) await app.close();
      if (kafka) await deleteStackTopics(kafka.brokers, kafka.prefix);
      await db.drop();
    },
  };
}
