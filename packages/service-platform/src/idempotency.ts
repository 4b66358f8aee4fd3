import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
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
 * Remembered answers are encrypted (AES-256-GCM, key derived from the service secret): an answer
 * may carry personal data shown to its caller, such as an officer's unmasked phone.
 */
class AnswerCipher {
  readonly #key: Buffer;
  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'tongxin', 'idempotency-answers', 32));
  }
  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }
  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
}

/**
 * A write sent again with the same `Idempotency-Key` (by the same caller, to the same route)
 * gets the first answer back instead of being done twice; the same key with a different body is refused.
 * Only successful answers are remembered, so a refused request may be corrected and resent.
 */
export function registerIdempotency(app: FastifyInstance, pool: pg.Pool, schema: string, secret: string): void {
  const cipher = new AnswerCipher(secret);
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
      // Answers are kept sealed (a JSON string); an object is a row from before sealing.
      if (typeof row.body !== 'string') return reply.status(row.status_code).send(row.body);
      return reply.status(row.status_code).type('application/json; charset=utf-8').send(cipher.open(row.body));
    }
    request.idempotency = { key, hash };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem || reply.statusCode >= 300 || typeof payload !== 'string') return payload;
    await pool.query(
      `INSERT INTO ${schema}.idempotency_keys (scope, key, request_hash, status_code, body)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [scopeOf(request), idem.key, idem.hash, reply.statusCode, JSON.stringify(cipher.seal(payload))],
    );
    return payload;
  });
}
