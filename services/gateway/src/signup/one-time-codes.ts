import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '@tongxin/db';
import type { PhoneCipher } from './phone-cipher.ts';

export type CodePurpose = 'activation' | 'password-reset' | 'sign-up';

/** Wrong tries after which a code is dead (issue 15: "lock after five wrong tries"). */
export const MAX_CODE_ATTEMPTS = 5;

export interface CodeLimits {
  /** Minutes a code stays valid. */
  ttlMinutes: number;
  perTargetPerMinute: number;
  perTargetPerHour: number;
  perAddressPerHour: number;
}

/** A live code matched: what it was issued for. */
export interface MatchedCode {
  id: string;
  subject: string;
}

/**
 * One-time codes (ADR 0014): six digits from the system's CSPRNG, kept only as a keyed hash, valid
 * for `ttlMinutes`, used once, dead after five wrong tries; only the newest code of a purpose and
 * phone counts. Requests for codes are counted per phone (or username) and per client address,
 * every request alike whether a code was sent or not, so the limits tell nobody who is registered.
 */
export class OneTimeCodes {
  readonly #codes: string;
  readonly #requests: string;

  constructor(
    schema: string,
    private readonly keys: PhoneCipher,
    readonly limits: CodeLimits,
  ) {
    this.#codes = `${schema}.one_time_codes`;
    this.#requests = `${schema}.code_requests`;
  }

  /**
   * Counts a request for a code for `target` (a phone, or `username:<name>`) from `address`; answers
   * the seconds to wait instead when a limit is reached (the request is then not counted).
   */
  async admit(db: Queryable, purpose: CodePurpose, target: string, address: string): Promise<number> {
    const targetHash = this.keys.digest('code-target', target);
    const addressHash = this.keys.digest('address', address);
    const r = await db.query<{
      minute: number;
      hour: number;
      address: number;
      oldest_minute: Date | null;
      oldest_hour: Date | null;
      oldest_address: Date | null;
    }>(
      `SELECT
         count(*) FILTER (WHERE target_hash = $1 AND created_at > now() - interval '1 minute')::int AS minute,
         count(*) FILTER (WHERE target_hash = $1)::int AS hour,
         count(*) FILTER (WHERE address_hash = $2)::int AS address,
         min(created_at) FILTER (WHERE target_hash = $1 AND created_at > now() - interval '1 minute') AS oldest_minute,
         min(created_at) FILTER (WHERE target_hash = $1) AS oldest_hour,
         min(created_at) FILTER (WHERE address_hash = $2) AS oldest_address
       FROM ${this.#requests}
       WHERE (target_hash = $1 OR address_hash = $2) AND created_at > now() - interval '1 hour'`,
      [targetHash, addressHash],
    );
    const row = r.rows[0]!;
    const now = Date.now();
    const waitUntil = (oldest: Date | null, windowMs: number) =>
      oldest ? Math.max(1, Math.ceil((new Date(oldest).getTime() + windowMs - now) / 1000)) : 1;
    const waits: number[] = [];
    if (row.minute >= this.limits.perTargetPerMinute) waits.push(waitUntil(row.oldest_minute, 60_000));
    if (row.hour >= this.limits.perTargetPerHour) waits.push(waitUntil(row.oldest_hour, 3_600_000));
    if (row.address >= this.limits.perAddressPerHour) waits.push(waitUntil(row.oldest_address, 3_600_000));
    if (waits.length) return Math.max(...waits);
    await db.query(`INSERT INTO ${this.#requests} (purpose, target_hash, address_hash) VALUES ($1, $2, $3)`, [
      purpose,
      targetHash,
      addressHash,
    ]);
    // Old requests count for nothing: forget them now and then.
    if (Math.random() < 0.01)
      await db.query(`DELETE FROM ${this.#requests} WHERE created_at < now() - interval '1 day'`);
    return 0;
  }

  /** A new code for `phone`, for `subject`; it replaces any code of the same purpose and phone. */
  async issue(db: Queryable, purpose: CodePurpose, phone: string, subject: string): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    await db.query(
      `INSERT INTO ${this.#codes} (id, purpose, phone_hash, code_hash, subject, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [id, purpose, this.keys.hash(phone), this.#codeHash(id, code), subject, this.limits.ttlMinutes * 60],
    );
    return code;
  }

  /**
   * Checks `code` against the newest code of `purpose` for `phone`. A live one that matches is
   * answered (not yet used: `consume` does that with the write it allows); a wrong code counts a try
   * against the live one. Expired, used, locked, superseded and absent codes all answer undefined.
   */
  async check(db: Queryable, purpose: CodePurpose, phone: string, code: string): Promise<MatchedCode | undefined> {
    const r = await db.query<{ id: string; code_hash: string; subject: string; live: boolean }>(
      `SELECT id, code_hash, subject,
              (used_at IS NULL AND expires_at > now() AND attempts < $3) AS live
         FROM ${this.#codes} WHERE purpose = $1 AND phone_hash = $2
        ORDER BY created_at DESC, id LIMIT 1`,
      [purpose, this.keys.hash(phone), MAX_CODE_ATTEMPTS],
    );
    const row = r.rows[0];
    if (!row || !row.live) return undefined;
    const given = Buffer.from(this.#codeHash(row.id, code), 'hex');
    const stored = Buffer.from(row.code_hash, 'hex');
    if (given.length === stored.length && timingSafeEqual(given, stored)) return { id: row.id, subject: row.subject };
    await this.failedTry(db, row.id);
    return undefined;
  }

  /** Counts a wrong try against the code (its fifth locks it). */
  async failedTry(db: Queryable, id: string): Promise<void> {
    await db.query(`UPDATE ${this.#codes} SET attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  /** Uses the code up; false when it was used (or died) meanwhile, so that two racing uses make one write. */
  async consume(db: Queryable, id: string): Promise<boolean> {
    const r = await db.query(
      `UPDATE ${this.#codes} SET used_at = now()
        WHERE id = $1 AND used_at IS NULL AND expires_at > now() AND attempts < $2`,
      [id, MAX_CODE_ATTEMPTS],
    );
    return r.rowCount === 1;
  }

  #codeHash(id: string, code: string): string {
    return this.keys.digest('code', `${id}:${code}`);
  }
}
