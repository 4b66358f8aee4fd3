import 'reflect-metadata';
import { join } from 'node:path';
import { composeService, loadConfig, registerPeriodicJobs } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import type { FastifyBaseLogger } from 'fastify';
import { SCHEMA, EmployerConfig } from './config.ts';
import { consumePlacements } from './consumers/placements.ts';
import { employerRoutes } from './routes/employers.ts';
import { openingRoutes } from './routes/openings.ts';
import { intentRoutes } from './routes/recruitment-intents.ts';
import { TOKENS } from './tokens.ts';
import { ClosingSoonScan } from './use-cases/closing-soon-scan.ts';
import { ClosingSweep } from './use-cases/closing-sweep.ts';
import { EmployerService } from './use-cases/employer-service.ts';
import { IntentService } from './use-cases/intent-service.ts';
import { OpeningService } from './use-cases/opening-service.ts';
import { PlacementEffects } from './use-cases/placement-effects.ts';

const MIGRATIONS = join(import.meta.dirname, 'migrations');

/**
 * The composition root of the employer service: infrastructure (schema, bus, outbox), then
 * repositories and use cases in a container of its own, the placement consumer and the
 * closing sweep, then routes.
 */
export async function buildEmployer(config: EmployerConfig, logger: FastifyBaseLogger) {
  const { runtime, di, buildApp } = await composeService({
    name: 'employer',
    schema: config.SCHEMA,
    migrationsDir: MIGRATIONS,
    config,
    logger,
    tokens: TOKENS,
  });
  di.register(TOKENS.Taxonomy, { useValue: loadTaxonomy() });
  di.register(TOKENS.PublishNow, { useValue: () => runtime.relay.notify() });

  await consumePlacements(runtime, di.resolve(PlacementEffects));
  const stopSweep = startSweep(di.resolve(ClosingSweep), config.CLOSING_SWEEP_INTERVAL_MS, logger, () =>
    runtime.relay.notify(),
  );

  const app = await buildApp('Employers, their openings and recruitment intents (招聘意向)');
  await employerRoutes(app, di.resolve(EmployerService));
  await openingRoutes(app, di.resolve(OpeningService));
  await intentRoutes(app, di.resolve(IntentService));
  const closingSoon = di.resolve(ClosingSoonScan);
  registerPeriodicJobs(
    app,
    { 'closing-soon': { run: () => closingSoon.run(), intervalMs: config.CLOSING_SOON_SCAN_INTERVAL_MS } },
    { logger, after: () => runtime.relay.notify() },
  );
  app.addHook('onClose', async () => {
    await stopSweep();
    await runtime.close();
  });
  return app;
}

/** Runs the sweep every `intervalMs`, never two at once; the returned function stops it and waits. */
function startSweep(
  sweep: ClosingSweep,
  intervalMs: number,
  logger: FastifyBaseLogger,
  publish: () => void,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = sweep
      .run()
      .then((n) => {
        if (n > 0) publish();
      })
      .catch((err: unknown) => logger.error({ err }, 'closing sweep failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Entry point shared by server.ts and the test harness: settings as environment variables. */
export async function start(settings: Record<string, string | undefined>, logger: FastifyBaseLogger) {
  return buildEmployer({ ...loadConfig(EmployerConfig, settings), SCHEMA }, logger);
}
