import 'reflect-metadata';
import { join } from 'node:path';
import { composeService, loadConfig } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import type { FastifyBaseLogger } from 'fastify';
import { SCHEMA, TrainingConfig } from './config.ts';
import { registerReadModelConsumers } from './consumers/read-models.ts';
import { OpeningReadModel } from './repositories/opening-read-model.ts';
import { WorkerReadModel } from './repositories/worker-read-model.ts';
import { courseRoutes } from './routes/courses.ts';
import { enrollmentRoutes } from './routes/enrollments.ts';
import { insightRoutes } from './routes/insights.ts';
import { TOKENS } from './tokens.ts';
import { CourseService } from './use-cases/course-service.ts';
import { EnrollmentService } from './use-cases/enrollment-service.ts';
import { SkillGapService } from './use-cases/skill-gap-service.ts';

const MIGRATIONS = join(import.meta.dirname, 'migrations');

/**
 * The composition root of training: infrastructure (schema, bus, outbox), the read models'
 * consumers, repositories and use cases in a container of its own, then routes.
 */
export async function buildTraining(config: TrainingConfig, logger: FastifyBaseLogger) {
  const { runtime, di, buildApp } = await composeService({
    name: 'training',
    schema: config.SCHEMA,
    migrationsDir: MIGRATIONS,
    config,
    logger,
    tokens: TOKENS,
  });
  di.register(TOKENS.Taxonomy, { useValue: loadTaxonomy() });

  const app = await buildApp('Courses, batches (期), enrolments and certificates; the skill-gap view');
  await courseRoutes(app, di.resolve(CourseService));
  await enrollmentRoutes(app, di.resolve(EnrollmentService));
  await insightRoutes(app, di.resolve(SkillGapService));
  await registerReadModelConsumers(runtime, di.resolve(WorkerReadModel), di.resolve(OpeningReadModel));
  return app;
}

/** Entry point shared by server.ts and the test harness: settings as environment variables. */
export async function start(settings: Record<string, string | undefined>, logger: FastifyBaseLogger) {
  return buildTraining({ ...loadConfig(TrainingConfig, settings), SCHEMA }, logger);
}
