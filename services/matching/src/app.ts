import 'reflect-metadata';
import { join } from 'node:path';
import { TokenService } from '@tongxin/auth';
import { CountyCalendar, ServiceRuntime, buildServiceApp, composeService, loadConfig } from '@tongxin/service-platform';
import { TOPICS } from '@tongxin/events';
import { loadTaxonomy } from '@tongxin/taxonomy';
import type { FastifyBaseLogger } from 'fastify';
import { SCHEMA, MatchingConfig } from './config.ts';
import { combineFreshness } from './errors.ts';
import { READ_MODEL_CONSUMER, readModelConsumer } from './consumers/read-model-consumer.ts';
import { MatchStore } from './domain/match-store.ts';
import type {
  OpeningSnapshot,
  WorkerSnapshot,
  EmployerSnapshot,
  CourseSnapshot,
  BatchSnapshot,
} from './domain/snapshots.ts';
import { ReadModelRepository } from './repositories/read-model-repository.ts';
import { matchRoutes } from './routes/matches.ts';
import { searchRoutes } from './routes/search.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';
import { EmbeddedEngine } from './search/embedded-engine.ts';
import { MeiliEngine } from './search/meili-engine.ts';
import { INDEX_DEFINITIONS, type SearchEngine } from './search/search-engine.ts';
import { taxonomySynonyms } from './search/taxonomy-synonyms.ts';
import { type Clock, TOKENS } from './tokens.ts';
import { Indexer } from './use-cases/indexer.ts';
import { MatchService } from './use-cases/match-service.ts';
import { OpeningAlerts } from './use-cases/opening-alerts.ts';
import { SavedSearchService } from './use-cases/saved-search-service.ts';
import { SearchService } from './use-cases/search-service.ts';
import { SavedSearchRepository } from './repositories/saved-search-repository.ts';
import { savedSearchRoutes } from './routes/saved-searches.ts';
import { FeedbackRepository } from './repositories/feedback-repository.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { FeedbackService } from './use-cases/feedback-service.ts';
import { ApplicationMarkRepository } from './repositories/application-mark-repository.ts';
import { APPLICATION_CONSUMER, applicationConsumer } from './consumers/application-consumer.ts';

const MIGRATIONS = join(import.meta.dirname, 'migrations');

/** Meilisearch when MEILI_URL is set, else the in-process engine of the embedded mode. */
export function createEngine(config: MatchingConfig): SearchEngine {
  if (!config.MEILI_URL) return new EmbeddedEngine();
  return new MeiliEngine({
    url: config.MEILI_URL,
    apiKey: config.MEILI_API_KEY,
    prefix: config.MEILI_INDEX_PREFIX,
    taskTimeoutMs: config.MEILI_TASK_TIMEOUT_MS,
  });
}

/** Fills the in-memory copy from the PostgreSQL read model (the source of truth for ranking). */
async function loadStore(
  store: MatchStore,
  repo: ReadModelRepository,
  runtime: ServiceRuntime,
  logger: FastifyBaseLogger,
) {
  const started = Date.now();
  for await (const page of repo.all<EmployerSnapshot>(runtime.pool, 'employers'))
    page.forEach((e) => store.putEmployer(e));
  for await (const page of repo.all<OpeningSnapshot>(runtime.pool, 'openings'))
    page.forEach((o) => store.putOpening(o));
  for await (const page of repo.all<WorkerSnapshot>(runtime.pool, 'workers')) page.forEach((w) => store.putWorker(w));
  for await (const page of repo.all<CourseSnapshot>(runtime.pool, 'courses')) page.forEach((c) => store.putCourse(c));
  for await (const page of repo.all<BatchSnapshot>(runtime.pool, 'batches')) page.forEach((b) => store.putBatch(b));
  logger.info(
    {
      workers: store.workers.size,
      openings: store.openings.size,
      employers: store.employers.size,
      ms: Date.now() - started,
    },
    'read model loaded',
  );
}

export interface MatchingOptions {
  /** Replaces the engine chosen from the configuration (tests compare engines on one stack). */
  engine?: SearchEngine;
  clock?: Clock;
  /**
   * Name of the read-model consumer (its group is `matching.<name>`; the application marks' is
   * `matching.<name>-applications`); a new name replays the topics from the beginning, which is how
   * a read model in a new schema is rebuilt.
   */
  consumerName?: string;
}

/**
 * The composition root of matching: schema and bus, the read model loaded into memory, the
 * search engine (re-indexed from the read model when empty), routes, then the consumers,
 * which replay the topics from the beginning for a new consumer group.
 */
export async function buildMatching(config: MatchingConfig, logger: FastifyBaseLogger, options: MatchingOptions = {}) {
  const { runtime, di } = await composeService({
    name: 'matching',
    schema: config.SCHEMA,
    migrationsDir: MIGRATIONS,
    config,
    logger,
    tokens: TOKENS,
  });
  const taxonomy = loadTaxonomy();
  const clock: Clock = options.clock ?? (() => new Date());
  const calendar = new CountyCalendar(config.CALENDAR_UTC_OFFSET_MINUTES);
  const repo = new ReadModelRepository(config.SCHEMA);
  const store = new MatchStore(taxonomy);
  const engine = options.engine ?? createEngine(config);
  let indexer: Indexer | undefined;
  try {
    await loadStore(store, repo, runtime, logger);
    await engine.init(INDEX_DEFINITIONS, taxonomySynonyms(taxonomy));
    indexer = new Indexer(store, engine, taxonomy, logger, clock, calendar);
    await indexer.reindexIfEmpty();
  } catch (err) {
    await runtime.close();
    throw err;
  }

  di.register(TOKENS.Taxonomy, { useValue: taxonomy });
  di.register(TOKENS.Store, { useValue: store });
  di.register(TOKENS.Engine, { useValue: engine });
  di.register(TOKENS.Indexer, { useValue: indexer });
  di.register(TOKENS.Clock, { useValue: clock });
  di.register(TOKENS.Calendar, { useValue: calendar });

  const app = await buildServiceApp({
    name: 'matching',
    description: 'Skill taxonomy, matches, candidates and opening search',
    tokens: new TokenService(config.JWT_SECRET),
    logger,
    readiness: runtime.readiness,
    consumers: runtime,
    // Matching takes no writes (no Idempotency-Key) and closes its runtime itself, after the indexer;
    // it still refuses the tokens of a revoked session, as every service does (ADR 0004).
    sessionValid: (p) => runtime.sessions.isValid(p),
  });
  await taxonomyRoutes(app, taxonomy);
  const readModel = options.consumerName ?? READ_MODEL_CONSUMER;
  // A read model rebuilt under a new consumer name rebuilds its application marks too (below).
  const applications = options.consumerName ? `${options.consumerName}-${APPLICATION_CONSUMER}` : APPLICATION_CONSUMER;
  // Answers carry the application marks too, so events of either consumer not yet applied make them stale.
  const readModelFreshness = async () =>
    combineFreshness(
      (await runtime.consumerLag()).filter((l) => l.consumer === readModel || l.consumer === applications),
    );
  const applicationMarks = new ApplicationMarkRepository(config.SCHEMA);
  const feedback = new FeedbackService(runtime.pool, new FeedbackRepository(config.SCHEMA), store, clock);
  // The marks join the in-memory copy once, as the read model did; from here the consumer and the
  // "not interested" route keep them, so no answer waits on the database (ADR 0007).
  logger.info({ workers: await feedback.loadAll() }, 'marks loaded');
  await matchRoutes(
    app,
    di.resolve(MatchService),
    async (options) => {
      const lag = (await runtime.consumerLag(options?.fresh ? 0 : undefined)).find(
        (l) => l.consumer === readModel && l.topic === TOPICS.worker,
      );
      return { eventsBehind: lag?.events ?? 0, secondsBehind: lag?.secondsBehind ?? null };
    },
    readModelFreshness,
  );
  await feedbackRoutes(app, feedback);
  await searchRoutes(app, di.resolve(SearchService), readModelFreshness);
  const savedSearches = new SavedSearchRepository(config.SCHEMA);
  await savedSearchRoutes(app, new SavedSearchService(runtime.pool, savedSearches, di.resolve(SearchService), clock));
  const alerts = new OpeningAlerts({
    store,
    taxonomy,
    outbox: runtime.outbox,
    savedSearches,
    search: di.resolve(SearchService),
    clock,
    calendar,
    minScore: config.MATCH_ALERT_MIN_SCORE,
    maxMatches: config.MATCH_ALERT_MAX,
  });
  const ready = indexer;
  app.addHook('onClose', async () => {
    await runtime.close();
    await ready.close();
    await engine.close();
  });
  await runtime.consume({
    ...readModelConsumer({ repo, store, indexer, alerts }),
    ...(options.consumerName ? { name: options.consumerName } : {}),
  });
  // Which openings each worker applied or was referred to (issue 17), marked in matches and searches.
  await runtime.consume({ ...applicationConsumer(applicationMarks, store), name: applications });
  return app;
}

/** Entry point shared by server.ts and the test harness: settings as environment variables. */
export async function start(settings: Record<string, string | undefined>, logger: FastifyBaseLogger) {
  return buildMatching({ ...loadConfig(MatchingConfig, settings), SCHEMA }, logger);
}
