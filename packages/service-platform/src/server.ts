import type { FastifyInstance } from 'fastify';
import { startTracing } from './tracing.ts';
import { listenMetrics } from './metrics.ts';

export interface RunOptions {
  /** The service's name: its traces' `service.name` (OTEL_SERVICE_NAME overrides it). */
  name: string;
  host: string;
  port: number;
  /** Serve `/metrics` on this port of its own (the gateway) rather than beside the routes. */
  metricsPort?: number;
  /** Longest time to drain before the process exits anyway. */
  shutdownTimeoutMs?: number;
}

/**
 * Listens, and on SIGTERM or SIGINT closes the app: fastify stops accepting, drains
 * in-flight requests, then the app's onClose hooks stop consumers, drain the outbox and close pools.
 */
export async function runService(app: FastifyInstance, options: RunOptions): Promise<string> {
  // Exports traces over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (ADR 0023); a no-op otherwise.
  const stopTracing = startTracing(options.name);
  const address = await app.listen({ host: options.host, port: options.port });
  if (options.metricsPort) {
    // Metrics are for operators: a port already taken costs them, never the service.
    await listenMetrics(app.metrics, options.host, options.metricsPort).then(
      // Unreferenced: it never holds the process open once the app has closed.
      () => app.log.info({ port: options.metricsPort }, 'metrics on their own port'),
      (err: unknown) => app.log.error({ err, port: options.metricsPort }, 'metrics port unavailable; serving without'),
    );
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, options.shutdownTimeoutMs ?? 15_000);
    timer.unref();
    app
      .close()
      // The last spans are flushed to the collector before the process goes.
      .then(() => stopTracing?.())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Started by a supervisor: when it is gone, so is this service. The IPC 'disconnect' can be
  // missed when the supervisor dies while this process is still starting, so the parent is
  // also checked every second.
  const supervisor = Number(process.env.TONGXIN_SUPERVISOR_PID ?? 0);
  if (supervisor) {
    const gone = () => process.ppid !== supervisor || !process.connected;
    if (gone()) shutdown('supervisor gone');
    process.once('disconnect', () => shutdown('supervisor gone'));
    setInterval(() => {
      if (gone()) shutdown('supervisor gone');
    }, 1000).unref();
  }
  process.once('SIGINT', () => shutdown('SIGINT'));
  return address;
}
