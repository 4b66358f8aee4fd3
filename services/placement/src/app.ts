import 'reflect-metadata';
import { join } from 'node:path';
import { composeService, loadConfig, registerPeriodicJobs } from '@tongxin/service-platform';
import type { FastifyBaseLogger } from 'fastify';
import { PlacementConfig, SCHEMA } from './config.ts';
import { registerReadModelConsumers } from './consumers/read-model-consumers.ts';
import { parseSubsidyRules } from './domain/subsidy-rules.ts';
import { ReadModelRepository } from './repositories/read-model-repository.ts';
import { applicationRoutes } from './routes/applications.ts';
import { placementRoutes } from './routes/placements.ts';
import { relocatedVillageRoutes } from './routes/relocated-villages.ts';
import { reportRoutes } from './routes/reports.ts';
import { ReportExport } from './use-cases/report-export.ts';
import { subsidyRoutes } from './routes/subsidies.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { TOKENS } from './tokens.ts';
import { ApplicationService } from './use-cases/application-service.ts';
import { CoverageService } from './use-cases/coverage-service.ts';
import { DashboardService } from './use-cases/dashboard-service.ts';
import { FollowUpDueScan } from './use-cases/follow-up-due-scan.ts';
import { PlacementService } from './use-cases/placement-service.ts';
import { RelocationService } from './use-cases/relocation-service.ts';
import { SubsidyService } from './use-cases/subsidy-service.ts';
import { WorklistService } from './use-cases/worklist-service.ts';

const MIGRATIONS = join(import.meta.dirname, 'migrations');

/**
 * The composition root of placement: infrastructure (schema, bus, outbox), the read-model
 * consumers, use cases in a container of their own, then routes.
 */
export async function buildPlacement(config: PlacementConfig, logger: FastifyBaseLogger) {
  // Broken subsidy rules stop the boot before anything is migrated or consumed.
  const rules = parseSubsidyRules(config.SUBSIDY_RULES);
  const { runtime, di, buildApp } = await composeService({
    name: 'placement',
    schema: config.SCHEMA,
    migrationsDir: MIGRATIONS,
    config,
    logger,
    tokens: TOKENS,
  });
  di.register(TOKENS.SubsidyRules, { useValue: rules });

  try {
    await registerReadModelConsumers(runtime, di.resolve(ReadModelRepository));
  } catch (err) {
    await runtime.close();
    throw err;
  }

  const app = await buildApp(
    'Applications and referrals, hires and follow-ups, subsidies (资金奖补) and coverage (不漏一户、不落一人)',
  );
  await applicationRoutes(app, di.resolve(ApplicationService));
  await placementRoutes(app, di.resolve(PlacementService));
  await subsidyRoutes(app, di.resolve(SubsidyService));
  await reportRoutes(app, di.resolve(CoverageService), di.resolve(DashboardService), di.resolve(ReportExport));
  await relocatedVillageRoutes(app, di.resolve(RelocationService));
  await worklistRoutes(app, di.resolve(WorklistService));
  const scan = di.resolve(FollowUpDueScan);
  registerPeriodicJobs(
    app,
    { 'follow-up-due': { run: () => scan.run(), intervalMs: config.FOLLOW_UP_SCAN_INTERVAL_MS } },
    { logger, after: () => runtime.relay.notify() },
  );
  return app;
}

/** Entry point shared by server.ts and the test harness: settings as environment variables. */
export async function start(settings: Record<string, string | undefined>, logger: FastifyBaseLogger) {
  return buildPlacement({ ...loadConfig(PlacementConfig, settings), SCHEMA }, logger);
}
