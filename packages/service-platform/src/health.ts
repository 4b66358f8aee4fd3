import type { FastifyInstance } from 'fastify';

/** A named dependency check for `/ready`: resolves true when reachable. */
export type ReadinessCheck = () => Promise<boolean>;

export function registerHealth(app: FastifyInstance, checks: Record<string, ReadinessCheck>): void {
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
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
}
