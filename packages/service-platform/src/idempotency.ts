import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { conflict, invalidField } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed; `renew` keeps the claim alive while the handler runs. */
    idempotency?: { key: string; hash: string; renew: NodeJS.Timeout };
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
 * A key is claimed before its request runs: a row without an answer (status_code NULL) whose
 * claim lasts until `claimed_until`, renewed while the request runs; a claim left by an instance
 * that died runs out and may be taken over.
 */
export const idempotencyClaimMigrationSql = (schema: string): string => `
ALTER TABLE ${schema}.idempotency_keys
  ALTER COLUMN status_code DROP NOT NULL,
  ALTER COLUMN body DROP NOT NULL,
  ADD COLUMN IF NOT EXISTS claimed_until timestamptz;`;

/** How long a claim lasts without renewal, and how often a running request renews it. */
const CLAIM_SECONDS = 30;
const RENEW_MS = 10_000;
/** How long a second request with the key waits for the first's answer before it is told to retry. */
const WAIT_MS = 5_000;
const POLL_MS = 50;

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
 * The key is claimed before the request runs, in the database, so that of concurrent requests with
 * one key (on any instance) one runs and the others wait for its answer, or after WAIT_MS are
 * refused with 409 IDEMPOTENCY_IN_PROGRESS.
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
    const scope = scopeOf(request);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      // Claim the key (or take over a claim that ran out) in one statement: of requests racing on
      // any instance, exactly one gets a row back and runs.
      const claimed = await pool.query(
        `INSERT INTO ${schema}.idempotency_keys AS k (scope, key, request_hash, claimed_until)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, claimed_until = EXCLUDED.claimed_until
           WHERE k.status_code IS NULL AND k.claimed_until < now()
         RETURNING 1`,
        [scope, key, hash, CLAIM_SECONDS],
      );
      if (claimed.rowCount) {
        const renew = setInterval(() => {
          pool
            .query(
              `UPDATE ${schema}.idempotency_keys SET claimed_until = now() + make_interval(secs => $3)
               WHERE scope = $1 AND key = $2 AND status_code IS NULL`,
              [scope, key, CLAIM_SECONDS],
            )
            .catch((err: unknown) => request.log.warn({ err }, 'could not renew an idempotency claim'));
        }, RENEW_MS);
        renew.unref();
        request.idempotency = { key, hash, renew };
        return;
      }
      const seen = await pool.query<{ request_hash: string; status_code: number | null; body: unknown }>(
        `SELECT request_hash, status_code, body FROM ${schema}.idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const row = seen.rows[0];
      if (row && row.request_hash !== hash) {
        throw conflict('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
      }
      if (row && row.status_code !== null) {
        reply.header('idempotent-replayed', 'true');
        // Answers are kept sealed (a JSON string); an object is a row from before sealing.
        if (typeof row.body !== 'string') return reply.status(row.status_code).send(row.body);
        return reply.status(row.status_code).type('application/json; charset=utf-8').send(cipher.open(row.body));
      }
      // Another request with this key is running (or its refusal just released the key): wait.
      if (Date.now() >= deadline) {
        reply.header('retry-after', '1');
        throw conflict(
          'IDEMPOTENCY_IN_PROGRESS',
          'a request with this Idempotency-Key is still running; retry to get its answer',
        );
      }
      await delay(POLL_MS);
    }
  });

  // The answer is kept before it is sent, so a retry after a lost response finds it. Anything but
  // a successful JSON answer releases the key: a refused request may be corrected and resent.
  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    await release(request, async (key) => {
      if (reply.statusCode < 300 && typeof payload === 'string') {
        await pool.query(
          `UPDATE ${schema}.idempotency_keys SET status_code = $3, body = $4, claimed_until = NULL
           WHERE scope = $1 AND key = $2`,
          [scopeOf(request), key, reply.statusCode, JSON.stringify(cipher.seal(payload))],
        );
      } else {
        await forget(request, key);
      }
    });
    return payload;
  });
  // A request that ends without onSend (the client went away first) releases its claim too.
  app.addHook('onResponse', async (request) => release(request, (key) => forget(request, key)));
  app.addHook('onRequestAbort', async (request) => release(request, (key) => forget(request, key)));

  async function forget(request: FastifyRequest, key: string): Promise<void> {
    await pool.query(`DELETE FROM ${schema}.idempotency_keys WHERE scope = $1 AND key = $2 AND status_code IS NULL`, [
      scopeOf(request),
      key,
    ]);
  }
  /** Stops renewing the request's claim and settles it once, whichever hook comes first. */
  async function release(request: FastifyRequest, settle: (key: string) => Promise<void>): Promise<void> {
    const idem = request.idempotency;
    if (!idem) return;
    clearInterval(idem.renew);
    delete request.idempotency;
    await settle(idem.key);
  }
}
