import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import { TokenService, hashPassword } from '@tongxin/auth';
import { createPool, migrate } from '@tongxin/db';
import { buildServiceApp } from '@tongxin/service-platform';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { GatewayConfig } from './config.ts';
import { OpenApiMerger } from './openapi-merge.ts';
import { AccountRepository } from './repositories/account-repository.ts';
import { serviceUrls } from './route-table.ts';
import { authRoutes } from './routes/auth.ts';
import { proxyRoutes } from './routes/proxy.ts';

export const SCHEMA = 'gateway';
const PUBLIC_DIR = join(import.meta.dirname, '..', 'public');

/** The gateway: sign-in, rate limits, the combined API description, the portal, and routing to services. */
export async function buildGateway(config: GatewayConfig, logger: FastifyBaseLogger) {
  const pool = createPool(config.DATABASE_URL, { max: 5, applicationName: 'gateway' });
  await migrate(pool, { schema: SCHEMA, dir: join(import.meta.dirname, 'migrations') });
  const tokens = new TokenService(config.JWT_SECRET);
  if (config.BOOTSTRAP_ADMIN_PASSWORD) {
    await new AccountRepository(SCHEMA).insertIfAbsent(pool, {
      id: randomUUID(),
      username: 'admin',
      passwordHash: await hashPassword(config.BOOTSTRAP_ADMIN_PASSWORD),
      role: 'admin',
      displayName: '管理员',
      regions: [],
    });
  }
  const urls = serviceUrls(config);
  const merger = new OpenApiMerger(urls);
  merger.start();

  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { connectTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis unavailable'));

  const app = await buildServiceApp({
    name: 'gateway',
    description: 'Tongxin (同心) API: workers, employers, matching, training and placement of a county labour-export programme',
    tokens,
    logger,
    readiness: {
      database: async () => (await pool.query('SELECT 1')).rowCount === 1,
      ...(redis ? { redis: async () => (await redis.ping()) === 'PONG' } : {}),
    },
    transformSpecification: (doc) => merger.merge(doc),
  });

  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'tongxin-rl-' } : {}),
    // Without Redis reachable the gateway keeps serving rather than refusing everyone.
    skipOnError: true,
    keyGenerator: (request) => request.principal?.sub ?? request.ip,
    allowList: (request) => request.url === '/health' || request.url === '/ready',
  });

  await authRoutes(app, pool, new AccountRepository(SCHEMA), tokens);
  await proxyRoutes(app, urls);

  const index = await readFile(join(PUBLIC_DIR, 'index.html'), 'utf8');
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(index),
  );

  app.addHook('onClose', async () => {
    merger.stop();
    redis?.disconnect();
    await pool.end();
  });
  return Object.assign(app, { openapi: merger });
}
