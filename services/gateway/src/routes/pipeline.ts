import { type ConsumerLag, type ServiceApp, type ServiceRuntime, routeGroup } from '@tongxin/service-platform';
import { Type } from '@sinclair/typebox';
import type { ServiceName } from '../route-table.ts';

const route = routeGroup(['admin'], [401, 403], { roles: ['admin'] });

const Lag = Type.Object({
  consumer: Type.String(),
  group: Type.String(),
  topic: Type.String(),
  events: Type.Integer({ minimum: 0, description: 'events published to the topic and not yet handled by the group' }),
  secondsBehind: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
    description: 'age of the oldest event not yet handled; null where the bus cannot tell (Kafka, ADR 0019)',
  }),
  running: Type.Boolean(),
});

const PipelineView = Type.Object({
  services: Type.Array(
    Type.Object({
      service: Type.String(),
      status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready'), Type.Literal('unreachable')]),
      consumers: Type.Array(Lag),
    }),
  ),
  eventsBehind: Type.Integer({ minimum: 0, description: 'all groups on all topics together' }),
});

interface ReadyAnswer {
  status?: string;
  details?: { consumers?: ConsumerLag[] };
}

/** One service's /ready, within two seconds; anything else is `unreachable`. */
async function readyOf(
  url: string,
): Promise<{ status: 'ready' | 'not_ready' | 'unreachable'; consumers: ConsumerLag[] }> {
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as ReadyAnswer;
    return {
      status: body.status === 'ready' ? 'ready' : 'not_ready',
      consumers: Array.isArray(body.details?.consumers) ? body.details.consumers : [],
    };
  } catch {
    return { status: 'unreachable', consumers: [] };
  }
}

/**
 * GET /api/v1/admin/pipeline: every consumer group's lag per topic, the gateway's own and each
 * service's as its /ready reports it (issue 16, ADR 0019).
 */
export async function pipelineRoutes(
  app: ServiceApp,
  runtime: ServiceRuntime,
  urls: Partial<Record<ServiceName, string>>,
): Promise<void> {
  app.get(
    '/api/v1/admin/pipeline',
    route(
      "The event pipeline: each service's consumer groups and how far each is behind on each topic (events, and the age of the oldest not yet handled)",
      { 200: PipelineView },
    ),
    async () => {
      const own = await runtime
        .consumerLag(0)
        .then((consumers) => ({ status: 'ready' as const, consumers }))
        .catch(() => ({ status: 'not_ready' as const, consumers: [] }));
      const others = await Promise.all(
        Object.entries(urls).map(async ([service, url]) => ({ service, ...(await readyOf(url)) })),
      );
      const services = [{ service: 'gateway', ...own }, ...others];
      const eventsBehind = services.reduce((n, s) => n + s.consumers.reduce((m, c) => m + c.events, 0), 0);
      return { services, eventsBehind };
    },
  );
}
