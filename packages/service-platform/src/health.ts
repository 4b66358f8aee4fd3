import type { FastifyInstance } from 'fastify';

/** A named dependency check for `/ready`: resolves true when reachable. */
export type ReadinessCheck = () => Promise<boolean>;

/** Facts `/ready` adds under `details` (e.g. consumer lag); they never make a service unready. */
export type ReadinessDetails = () => Promise<Record<string, unknown>>;

export function registerHealth(
  app: FastifyInstance,
  checks: Record<string, ReadinessCheck>,
  details?: ReadinessDetails,
): void {
  app.get('/health', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const results: Record<string, 'ok' | 'down'> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const ok = await Promise.race([
          check().catch(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref()),
        ]);
        results[name] = ok ? 'ok' : 'down';
      }),
    );
    const ready = Object.values(results).every((r) => r === 'ok');
    const facts = details
      ? await Promise.race([
          details().catch((err: unknown) => ({ error: (err as Error).message })),
          new Promise<Record<string, unknown>>((r) => setTimeout(() => r({ error: 'timed out' }), 2000).unref()),
        ])
      : undefined;
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', checks: results, ...(facts ? { details: facts } : {}) });
  });
}
