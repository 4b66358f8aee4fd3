import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { conflict, invalidField } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; hash: string };
  }
}

/** SQL for the table that remembers answers to idempotent writes, in the service's schema. */
export const idempotencyMigrationSql = (schema: string): string => `
CREATE TABLE IF NOT EXISTS ${schema}.idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code int NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);`;

/**
 * A write sent again with the same `Idempotency-Key` (by the same caller, to the same route)
 * gets the first answer back instead of being done twice; the same key with a different body is refused.
 * Only successful answers are remembered, so a refused request may be corrected and resent.
 */
export function registerIdempotency(app: FastifyInstance, pool: pg.Pool, schema: string): void {
  const scopeOf = (r: { principal?: { sub: string }; method: string; routeOptions: { url?: string } }) =>
    `${r.principal?.sub ?? 'anonymous'} ${r.method} ${r.routeOptions.url ?? ''}`;

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || request.method === 'GET') return;
    if (typeof key !== 'string' || !/^[\w.:-]{1,128}$/.test(key)) {
      throw invalidField('Idempotency-Key', 'use 1 to 128 letters, digits, dots, colons, dashes or underscores');
    }
    const hash = createHash('sha256')
      .update(request.url)
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const seen = await pool.query<{ request_hash: string; status_code: number; body: unknown }>(
      `SELECT request_hash, status_code, body FROM ${schema}.idempotency_keys WHERE scope = $1 AND key = $2`,
      [scopeOf(request), key],
    );
    const row = seen.rows[0];
    if (row) {
      if (row.request_hash !== hash) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
      }
      reply.header('idempotent-replayed', 'true');
      return reply.status(row.status_code).send(row.body);
    }
    request.idempotency = { key, hash };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem || reply.statusCode >= 300 || typeof payload !== 'string') return payload;
    await pool.query(
      `INSERT INTO ${schema}.idempotency_keys (scope, key, request_hash, status_code, body)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [scopeOf(request), idem.key, idem.hash, reply.statusCode, payload],
    );
    return payload;
  });
}
