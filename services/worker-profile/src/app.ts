import 'reflect-metadata';
import { join } from 'node:path';
import { composeService, loadConfig } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import type { FastifyBaseLogger } from 'fastify';
import { SCHEMA, WorkerProfileConfig } from './config.ts';
import { registerConsumers } from './consumers/index.ts';
import { PiiCipher } from './registry/pii-cipher.ts';
import { importExportRoutes } from './imports/routes.ts';
import { ledgerRoutes } from './ledgers/routes.ts';
import { serviceLedgerRoutes } from './ledgers/services/routes.ts';
import { workerRoutes } from './registry/routes.ts';
import { unionRoutes } from './union/routes.ts';
import { UnionLedger } from './union/union-ledger.ts';
import { MembershipLedger } from './union/membership-ledger.ts';
import { qiyouRoutes } from './villages/routes.ts';
import { QiyouService } from './villages/qiyou-service.ts';
import { householdRoutes } from './households/routes.ts';
import { HouseholdService } from './households/household-service.ts';
import { type Clock, TOKENS } from './tokens.ts';
import { EventEffects } from './consumers/event-effects.ts';
import { ImportService } from './imports/import-service.ts';
import { IncomeLedger } from './ledgers/incomes/income-ledger.ts';
import { LedgerExport } from './imports/ledger-export.ts';
import { PartyLedger } from './ledgers/party/party-ledger.ts';
import { ServiceLedger } from './ledgers/services/service-ledger.ts';
import { WorkerService } from './registry/worker-service.ts';
import { registrationRoutes } from './registration/routes.ts';
import { RegistrationService } from './registration/registration-service.ts';
import { worklistRoutes } from './worklist/routes.ts';
import { WorklistService } from './worklist/worklist-service.ts';

const MIGRATIONS = join(import.meta.dirname, 'migrations');

/**
 * The composition root of worker-profile: infrastructure first (schema, bus, outbox),
 * then repositories and use cases in a container of its own, then consumers and routes.
 */
export async function buildWorkerProfile(
  config: WorkerProfileConfig,
  logger: FastifyBaseLogger,
  options: { clock?: Clock } = {},
) {
  const { runtime, di, buildApp } = await composeService({
    name: 'worker-profile',
    schema: config.SCHEMA,
    migrationsDir: MIGRATIONS,
    config,
    logger,
    tokens: TOKENS,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  di.register(TOKENS.EventSchemas, { useValue: runtime.schemas });
  di.register(TOKENS.Taxonomy, { useValue: loadTaxonomy() });
  di.register(TOKENS.PiiCipher, { useValue: new PiiCipher(config.PII_ENCRYPTION_KEY, config.PII_HASH_KEY) });
  di.register(TOKENS.Logger, { useValue: logger });
  runtime.metrics.gauge(
    'tongxin_import_jobs',
    'Spreadsheet import jobs, by ledger and status (running ones and every one kept since)',
    ['ledger', 'status'],
    async () =>
      (
        await runtime.pool.query<{ ledger: string; status: string; n: number }>(
          `SELECT ledger, status, count(*)::int AS n FROM ${config.SCHEMA}.import_jobs GROUP BY ledger, status`,
        )
      ).rows.map((r) => ({ labels: { ledger: r.ledger, status: r.status }, value: r.n })),
  );

  const app = await buildApp('The worker registry (信息登记台账) and the four ledgers');
  await workerRoutes(app, di.resolve(WorkerService));
  await householdRoutes(app, di.resolve(HouseholdService));
  await registrationRoutes(app, di.resolve(RegistrationService));
  await worklistRoutes(app, di.resolve(WorklistService));
  await serviceLedgerRoutes(app, di.resolve(ServiceLedger));
  await ledgerRoutes(app, di.resolve(IncomeLedger), di.resolve(PartyLedger));
  await unionRoutes(app, di.resolve(UnionLedger), di.resolve(MembershipLedger));
  await qiyouRoutes(app, di.resolve(QiyouService));
  const imports = di.resolve(ImportService);
  await imports.recover();
  await importExportRoutes(app, imports, di.resolve(LedgerExport), config.IMPORT_MAX_BYTES);
  await registerConsumers(runtime, di.resolve(EventEffects), runtime.schemas, logger);
  return app;
}

/** Entry point shared by server.ts and the test harness: settings as environment variables. */
export async function start(settings: Record<string, string | undefined>, logger: FastifyBaseLogger) {
  return buildWorkerProfile({ ...loadConfig(WorkerProfileConfig, settings), SCHEMA }, logger);
}
