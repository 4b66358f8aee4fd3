import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export type ServiceName = 'worker-profile' | 'employer' | 'matching' | 'training' | 'placement';

interface ServiceModule {
  start(settings: Record<string, string | undefined>, logger: FastifyBaseLogger): Promise<unknown>;
}

/**
 * Builds a service in this process from the same settings its process would read. Every service's
 * package exports `start(settings, logger)` from src/app.ts, so no registry needs editing.
 */
export async function startService(
  name: ServiceName,
  settings: Record<string, string>,
  logger: FastifyBaseLogger,
): Promise<FastifyInstance> {
  const mod = (await import(`@tongxin/${name}`)) as ServiceModule;
  return (await mod.start(settings, logger)) as FastifyInstance;
}
