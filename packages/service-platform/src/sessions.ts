import type { Principal } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import type { EventPayload, EventType } from '@tongxin/events';
import type pg from 'pg';

/** The event the gateway publishes when an account's earlier tokens become void (ADR 0004). */
export const SESSIONS_REVOKED = 'account.sessions-revoked' satisfies EventType;

/** Its payload, as contracts/events/account.sessions-revoked.json says: tokens carrying a lower `tokenVersion` (absent = 0) are refused. */
export type SessionsRevoked = EventPayload<typeof SESSIONS_REVOKED>;

/** The table every service schema keeps of revoked sessions, fed from the gateway's events. */
export function sessionsMigrationSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${schema}.revoked_sessions (
  account_id text PRIMARY KEY,
  min_token_version integer NOT NULL,
  not_before timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;
}

/**
 * Which tokens of which accounts are void in this service. Fed by the runtime's consumer of
 * `account.sessions-revoked`; read by the authentication hook with a short cache per account,
 * so every instance of a service sees a revocation at most `ttlMs` after its consumer stored it.
 */
export class SessionRevocations {
  readonly #cache = new Map<string, { min: number; at: number; pending?: Promise<number> }>();

  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
    private readonly ttlMs = 1000,
  ) {}

  /** Stores a revocation; a late or repeated event never lowers the bar. */
  async record(tx: pg.PoolClient, e: SessionsRevoked): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.schema}.revoked_sessions (account_id, min_token_version, not_before)
       VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET
         min_token_version = GREATEST(revoked_sessions.min_token_version, EXCLUDED.min_token_version),
         not_before = GREATEST(revoked_sessions.not_before, EXCLUDED.not_before),
         updated_at = now()`,
      [e.accountId, e.tokenVersion, e.notBefore],
    );
    this.#cache.delete(e.accountId);
  }

  /** True while the principal's token has not been revoked. */
  async isValid(p: Principal): Promise<boolean> {
    return (p.tokenVersion ?? 0) >= (await this.#minVersion(p.sub));
  }

  async #minVersion(accountId: string): Promise<number> {
    const now = Date.now();
    const hit = this.#cache.get(accountId);
    if (hit && now - hit.at < this.ttlMs) return hit.pending ?? hit.min;
    // Bounded: a burst of distinct accounts cannot grow the cache without end.
    if (this.#cache.size > 50_000) this.#cache.clear();
    const pending = this.db
      .query<{ v: number }>(
        `SELECT min_token_version AS v FROM ${this.schema}.revoked_sessions WHERE account_id = $1`,
        [accountId],
      )
      .then((r) => r.rows[0]?.v ?? 0);
    this.#cache.set(accountId, { min: hit?.min ?? 0, at: now, pending });
    try {
      const min = await pending;
      this.#cache.set(accountId, { min, at: now });
      return min;
    } catch (err) {
      this.#cache.delete(accountId);
      throw err;
    }
  }
}
