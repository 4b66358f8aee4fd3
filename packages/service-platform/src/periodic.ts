import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

/** A periodic job: one full pass, answering how many things it did (events written, rows changed). */
export type PeriodicJob = () => Promise<number>;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The service's periodic jobs by name (e.g. `follow-up-due`), each one full pass. The timers run
     * them; tests and operators run one directly instead of waiting for its timer.
     */
    jobs: Record<string, PeriodicJob>;
  }
}

export interface PeriodicOptions {
  intervalMs: number;
  logger: FastifyBaseLogger;
  /** Called after a pass that did something (e.g. wake the outbox relay). */
  after?: () => void;
}

/**
 * Runs `job` every `intervalMs`, never two passes at once; the returned function stops the timer
 * and waits for a pass in flight. A failing pass is logged and the next tick tries again: the jobs
 * are idempotent (a table row guards each thing they do once).
 */
export function startPeriodic(name: string, job: PeriodicJob, options: PeriodicOptions): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = job()
      .then((n) => {
        if (n > 0) options.after?.();
      })
      .catch((err: unknown) => options.logger.error({ err, job: name }, 'periodic job failed'))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Starts each job on its timer, exposes them as `app.jobs` (run one directly: `await app.jobs[name]()`,
 * which also wakes `after`) and stops them when the app closes.
 */
export function registerPeriodicJobs(
  app: FastifyInstance,
  jobs: Record<string, { run: PeriodicJob; intervalMs: number }>,
  options: Omit<PeriodicOptions, 'intervalMs'>,
): void {
  const stops = Object.entries(jobs).map(([name, j]) =>
    startPeriodic(name, j.run, { ...options, intervalMs: j.intervalMs }),
  );
  const direct: Record<string, PeriodicJob> = {};
  for (const [name, j] of Object.entries(jobs)) {
    direct[name] = async () => {
      const n = await j.run();
      if (n > 0) options.after?.();
      return n;
    };
  }
  if (app.hasDecorator('jobs')) Object.assign(app.jobs, direct);
  else app.decorate('jobs', direct);
  app.addHook('onClose', async () => {
    await Promise.all(stops.map((stop) => stop()));
  });
}
