import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

/** One sample of a gauge read at scrape time. */
export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

/**
 * A service's Prometheus metrics (text format at `/metrics`): one registry per service instance, so
 * that the in-process test stacks keep each service's figures apart. Counters and histograms are
 * updated as things happen; backlog-like gauges (outbox, consumer lag, import jobs, notification
 * deliveries) are read from their source when scraped, so every instance reports the same truth.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route'>;
  readonly eventsHandled: Counter<'consumer' | 'type'>;
  readonly eventsFailed: Counter<'consumer' | 'type'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // Process figures (CPU, memory, event loop lag, GC) as tongxin_process_*, tongxin_nodejs_*.
    collectDefaultMetrics({ register: this.registry, prefix: 'tongxin_' });
    this.requests = new Counter({
      name: 'tongxin_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.requestSeconds = new Histogram({
      name: 'tongxin_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.eventsHandled = new Counter({
      name: 'tongxin_events_handled_total',
      help: 'Events a consumer handled (its effect committed), by consumer and event type',
      labelNames: ['consumer', 'type'],
      registers: [this.registry],
    });
    this.eventsFailed = new Counter({
      name: 'tongxin_events_failed_total',
      help: 'Attempts to handle an event that failed (the bus delivers it again), by consumer and event type',
      labelNames: ['consumer', 'type'],
      registers: [this.registry],
    });
  }

  /** A gauge whose samples are read when scraped (a failed read leaves it empty rather than failing the scrape). */
  gauge(name: string, help: string, labelNames: string[], read: () => Promise<GaugeSample[]>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const samples = await read().catch(() => []);
        for (const s of samples) this.set(s.labels, s.value);
      },
    });
  }

  /** Records every answered request; `/metrics` itself included, so a scraper's own traffic shows too. */
  instrument(app: FastifyInstance): void {
    const started = new WeakMap<object, bigint>();
    app.addHook('onRequest', async (request) => {
      started.set(request, process.hrtime.bigint());
    });
    app.addHook('onResponse', async (request, reply) => {
      // The route template (`/api/v1/workers/:id`), never the raw URL: one series per route, not per id.
      const route = request.routeOptions.url ?? 'unmatched';
      const method = request.method;
      this.requests.inc({ method, route, status: String(reply.statusCode) });
      const start = started.get(request);
      if (start !== undefined) {
        this.requestSeconds.observe({ method, route }, Number(process.hrtime.bigint() - start) / 1e9);
      }
    });
  }

  /** The text exposition, as Prometheus scrapes it. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** `GET /metrics` on the app's own port: public to whoever reaches that port (the internal network). */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const { contentType, body } = await metrics.text();
    return reply.type(contentType).send(body);
  });
}

/**
 * `/metrics` on a port of its own, for the gateway: its main port is the public entrance, and figures
 * about routes, lag and backlogs are for the operators' Prometheus, not for the internet.
 */
export async function listenMetrics(metrics: ServiceMetrics, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.text().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return server;
}
