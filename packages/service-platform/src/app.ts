import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Principal, TokenService } from '@tongxin/auth';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { registerAuthentication } from './authentication.ts';
import { registerIdempotency } from './idempotency.ts';
import type { ServiceRuntime } from './runtime.ts';
import { ServiceMetrics, registerMetricsRoute } from './metrics.ts';
import { type ReadinessCheck, registerHealth } from './health.ts';
import { registerProblemHandlers, sendProblem, toProblem } from './problem-handler.ts';
import { ProblemError, invalidField } from './errors.ts';
import { registerRequestTracing } from './tracing.ts';
import { createValidatorCompiler, findUnstorableText } from './validation.ts';

export interface ServiceAppOptions {
  /** kebab-case service name, used in logs and the OpenAPI title. */
  name: string;
  description: string;
  tokens: TokenService;
  logger: FastifyBaseLogger;
  readiness?: Record<string, ReadinessCheck>;
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /**
   * The service's runtime: with it the app accepts Idempotency-Key on writes, publishes a write's
   * events right after it commits (rather than at the relay's next poll), and closes the runtime with itself.
   */
  runtime?: ServiceRuntime;
  /**
   * The runtime whose consumers `/ready` reports (their lag) and whom `app.serviceRuntime` names, for
   * apps that close their runtime themselves and so do not pass `runtime` (default: `runtime`).
   */
  consumers?: ServiceRuntime;
  /**
   * Requests in progress at once before the app sheds load (503 + Retry-After). Checked in the
   * very first hook, before token checks and rate limits, so refusing stays cheaper than serving.
   */
  maxInFlight?: number;
  /**
   * Whether a verified token's session still stands; by default the runtime's revoked sessions
   * (the gateway passes its own check against its accounts table).
   */
  sessionValid?: (principal: Principal) => Promise<boolean>;
  /**
   * Whether `/metrics` is served on the app's own port (default true). The gateway says false: its
   * port is the public entrance, so its server serves them on METRICS_PORT instead.
   */
  metricsRoute?: boolean;
  /** Rewrites the OpenAPI document before /docs serves it (the gateway merges the services' in). */
  transformSpecification?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/** Problem responses every operation may answer, documented once. */
export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    /** Present while `code` is a deprecated alias: the code to match on from now on (ADR 0005). */
    canonicalCode: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code'],
  additionalProperties: true,
} as const;

/**
 * Builds the fastify app of one service with everything a service shares: request ids in the
 * logs, strict validation, RFC 9457 errors, bearer authentication, OpenAPI at /docs, /health and /ready.
 * Routes are registered by the caller afterwards.
 */
export async function buildServiceApp(options: ServiceAppOptions) {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
    // Errors the router raises before any hook (a path that cannot be decoded) are problems too.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, request, toProblem(error));
    },
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerRequestTracing(app, options.name);
  // First hook of all (after the span): a request shed for overload is counted too.: a request shed for overload is counted too.
  const metrics = (options.consumers ?? options.runtime)?.metrics ?? new ServiceMetrics(options.name);
  metrics.instrument(app);
  app.decorate('metrics', metrics);
  if (options.metricsRoute !== false) registerMetricsRoute(app, metrics);

  if (options.maxInFlight) {
    const max = options.maxInFlight;
    let inFlight = 0;
    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/health' || request.url === '/ready' || request.url === '/metrics') return;
      if (inFlight >= max) {
        reply.header('retry-after', '1');
        return sendProblem(
          reply,
          request,
          new ProblemError(
            503,
            'OVERLOADED',
            'Service unavailable',
            'at capacity; retry after the time in Retry-After',
          ),
        );
      }
      inFlight++;
      reply.raw.once('close', () => inFlight--);
    });
  }
  app.setValidatorCompiler(createValidatorCompiler());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);
  app.addSchema(ProblemSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `Tongxin ${options.name}`, description: options.description, version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list' },
    ...(options.transformSpecification
      ? {
          transformSpecification: (doc: Readonly<Record<string, unknown>>) =>
            options.transformSpecification!({ ...doc }),
        }
      : {}),
  });

  const runtime = options.runtime;
  const sessionValid = options.sessionValid ?? (runtime ? (p: Principal) => runtime.sessions.isValid(p) : undefined);
  registerAuthentication(app, options.tokens, sessionValid);
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['query', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      const found = findUnstorableText(value);
      if (found) throw invalidField(found.field || part, found.message);
    }
  });
  const consumers = options.consumers ?? runtime;
  registerHealth(app, { ...(runtime?.readiness ?? {}), ...(options.readiness ?? {}) }, consumers?.readinessDetails);
  app.decorate('serviceRuntime', consumers ?? null);
  if (runtime) {
    registerIdempotency(app, runtime.pool, runtime.schema, runtime.secret);
    app.addHook('onResponse', async (request) => {
      if (request.method !== 'GET') runtime.relay.notify();
    });
    app.addHook('onClose', () => runtime.close());
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's runtime (its consumers: lag, pause and resume), when it has one. */
    serviceRuntime: ServiceRuntime | null;
    /** The service's Prometheus metrics (its runtime's, when it has one). */
    metrics: ServiceMetrics;
  }
}

/** The app type routes register on: fastify with the TypeBox type provider. */
export type ServiceApp = Awaited<ReturnType<typeof buildServiceApp>>;
