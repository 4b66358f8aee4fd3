import 'reflect-metadata';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import { type Principal, TokenService, hashPassword } from '@tongxin/auth';
import { buildServiceApp, composeService } from '@tongxin/service-platform';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { GatewayConfig } from './config.ts';
import { registerPortal } from '../portal/serve.ts';
import { OpenApiMerger } from './openapi-merge.ts';
import { AccountLinks } from './account-links.ts';
import { AccountRepository, type SessionState } from './repositories/account-repository.ts';
import { SignInFailures } from './sign-in-failures.ts';
import { MessageLog } from './notify/sms.ts';
import { OneTimeCodes } from './signup/one-time-codes.ts';
import { PhoneCipher } from './signup/phone-cipher.ts';
import { RegistryLookup } from './signup/registry-lookup.ts';
import { signupRoutes } from './signup/routes.ts';
import { serviceUrls } from './route-table.ts';
import { pipelineRoutes } from './routes/pipeline.ts';
import { authRoutes } from './routes/auth.ts';
import { proxyRoutes } from './routes/proxy.ts';
import { channelsOf, setupNotifications } from './notify/index.ts';
import { EnrolmentRepository } from './enrolment/enrolment-repository.ts';
import { enrolmentRoutes } from './enrolment/routes.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { WorklistParts } from './worklist/worklist-parts.ts';

export const SCHEMA = 'gateway';

/** The gateway: sign-in, rate limits, the combined API description, the portal, and routing to services. */
export async function buildGateway(config: GatewayConfig, logger: FastifyBaseLogger) {
  const { runtime } = await composeService({
    name: 'gateway',
    schema: SCHEMA,
    migrationsDir: join(import.meta.dirname, 'migrations'),
    config,
    logger,
  });
  const pool = runtime.pool;
  const phones = new PhoneCipher(config.PHONE_ENCRYPTION_KEY);
  const accounts = new AccountRepository(SCHEMA, phones);
  // An employer account that registered its own company acts for it from its next sign-in.
  await runtime.consume({
    name: 'account-links',
    topics: ['tongxin.employer'],
    types: ['employer.registered'],
    handle: async (event, tx) => {
      const { employer, registeredBy, registeredByRole } = event.data;
      if (registeredByRole === 'employer') await accounts.linkEmployer(tx, registeredBy, employer.id);
    },
  });
  const tokens = new TokenService(config.JWT_SECRET);
  if (config.BOOTSTRAP_ADMIN_PASSWORD) {
    await accounts.insertIfAbsent(pool, {
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
    ? new Redis(config.REDIS_URL, {
        connectTimeout: 500,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        lazyConnect: false,
      })
    : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis unavailable'));

  // A token stands while its account exists, is enabled and has not raised its token version since
  // (ADR 0004); read at most once a second per account, so a revocation holds here within ~1 s.
  const sessionCache = new Map<string, { at: number; state: Promise<SessionState | undefined> }>();
  const sessionValid = async (p: Principal): Promise<boolean> => {
    const now = Date.now();
    let hit = sessionCache.get(p.sub);
    if (!hit || now - hit.at >= 1000) {
      if (sessionCache.size > 50_000) sessionCache.clear();
      hit = { at: now, state: accounts.sessionState(pool, p.sub) };
      sessionCache.set(p.sub, hit);
      hit.state.catch(() => sessionCache.delete(p.sub));
    }
    const state = await hit.state;
    return !!state && !state.disabled && (p.tokenVersion ?? 0) >= state.tokenVersion;
  };

  runtime.metrics.gauge(
    'tongxin_notification_deliveries',
    'SMS and WeChat deliveries of notifications, by channel and status (sent and failed ones are kept: they count sends)',
    ['channel', 'status'],
    async () =>
      (
        await pool.query<{ channel: string; status: string; n: number }>(
          `SELECT channel, status, count(*)::int AS n FROM ${SCHEMA}.notification_deliveries GROUP BY channel, status`,
        )
      ).rows.map((r) => ({ labels: { channel: r.channel, status: r.status }, value: r.n })),
  );
  const app = await buildServiceApp({
    name: 'gateway',
    // The gateway's port is the public entrance: its server serves /metrics on METRICS_PORT instead.
    metricsRoute: false,
    description:
      'Tongxin (同心) API: workers, employers, matching, training and placement of a county labour-export programme',
    tokens,
    sessionValid,
    logger,
    readiness: {
      ...runtime.readiness,
      ...(redis ? { redis: async () => (await redis.ping()) === 'PONG' } : {}),
    },
    consumers: runtime,
    transformSpecification: (doc) => merger.merge(doc),
    maxInFlight: config.MAX_IN_FLIGHT,
  });

  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: config.RATE_LIMIT_NAMESPACE } : {}),
    // Without Redis reachable the gateway keeps serving rather than refusing everyone.
    skipOnError: true,
    keyGenerator: (request) => request.principal?.sub ?? request.ip,
    allowList: (request) => request.url === '/health' || request.url === '/ready',
  });

  await authRoutes(app, {
    pool,
    runtime,
    accounts,
    tokens,
    links: new AccountLinks(urls),
    failures: new SignInFailures(config.SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE, redis, config.RATE_LIMIT_NAMESPACE),
    onRevoked: (accountId) => sessionCache.delete(accountId),
    allowDemoPassword: config.ALLOW_DEMO_PASSWORD,
  });
  // Employer sign-up and officer-issued activation codes (ADR 0018).
  const rl = (name: string) => `${config.RATE_LIMIT_NAMESPACE}${name}|`;
  await enrolmentRoutes(app, {
    pool,
    repo: new EnrolmentRepository(SCHEMA),
    tokens,
    urls,
    signUps: new SignInFailures(config.EMPLOYER_SIGN_UPS_PER_ADDRESS_PER_HOUR, redis, rl('employer-signup'), 3_600_000),
    codeFailures: new SignInFailures(
      config.ACTIVATION_CODE_FAILURES_PER_ADDRESS_PER_HOUR,
      redis,
      rl('activation'),
      3_600_000,
    ),
    secret: config.JWT_SECRET,
    activationCodeDays: config.ACTIVATION_CODE_DAYS,
  });
  await worklistRoutes(app, new WorklistParts(urls));
  await pipelineRoutes(app, runtime, urls);
  // The embedded mode's SMS provider: the message log the administrator reads (ADR 0014).
  const messageLog = new MessageLog(pool, SCHEMA, phones.hashSecret);
  await signupRoutes(app, {
    pool,
    runtime,
    accounts,
    tokens,
    codes: new OneTimeCodes(SCHEMA, phones, {
      ttlMinutes: config.CODE_TTL_MINUTES,
      perTargetPerMinute: config.CODE_REQUESTS_PER_TARGET_PER_MINUTE,
      perTargetPerHour: config.CODE_REQUESTS_PER_TARGET_PER_HOUR,
      perAddressPerHour: config.CODE_REQUESTS_PER_ADDRESS_PER_HOUR,
    }),
    registry: new RegistryLookup(config.JWT_SECRET, urls['worker-profile']),
    // SMS_PROVIDER=aliyun sends the codes through Alibaba Cloud too (ADR 0013); the log otherwise.
    sms: channelsOf(config, messageLog).sms,
    messageLog,
    logger,
    onRevoked: (accountId) => sessionCache.delete(accountId),
  });
  await proxyRoutes(app, urls);
  // Notifications (ADR 0013): inbox, preferences, deliveries by SMS and WeChat.
  await setupNotifications(app, {
    runtime,
    config,
    logger,
    messageLog,
    phoneOf: (db, accountId) => accounts.phoneOf(db, accountId),
  });

  // The web portal: index.html, its ES modules and the vendored Preact/htm, compressed here only.
  await registerPortal(app, {
    homeCounty: config.HOME_COUNTY,
    utcOffsetMinutes: config.CALENDAR_UTC_OFFSET_MINUTES,
  });

  app.addHook('onClose', async () => {
    merger.stop();
    redis?.disconnect();
    await runtime.close();
  });
  return Object.assign(app, { openapi: merger });
}
