import { buildWorkerProfile } from '@tongxin/worker-profile';
import { SCHEMA as WORKER_PROFILE_SCHEMA, WorkerProfileConfig } from '@tongxin/worker-profile/src/config.ts';
import { loadConfig } from '@tongxin/service-platform';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

export type ServiceName = 'worker-profile' | 'employer' | 'matching' | 'training' | 'placement';

type Starter = (settings: Record<string, string>, logger: FastifyBaseLogger) => Promise<FastifyInstance>;

/** How the harness builds each service in-process, from the same settings a process would read. */
export const SERVICES: Record<ServiceName, Starter> = {
  'worker-profile': async (s, logger) =>
    (await buildWorkerProfile({ ...loadConfig(WorkerProfileConfig, s), SCHEMA: WORKER_PROFILE_SCHEMA }, logger)) as unknown as FastifyInstance,
  employer: notYet('employer'),
  matching: notYet('matching'),
  training: notYet('training'),
  placement: notYet('placement'),
};

function notYet(name: string): Starter {
  return async () => {
    throw new Error(`the ${name} service does not exist yet`);
  };
}
