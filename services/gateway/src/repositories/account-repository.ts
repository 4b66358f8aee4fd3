import type { Principal, Role } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import type { PhoneCipher } from '../signup/phone-cipher.ts';

export interface Account {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  regions: string[];
  employerId?: string;
  workerId?: string;
  /** Raised whenever the account's earlier tokens become void (ADR 0004); 0 for a new account. */
  tokenVersion?: number;
  disabled?: boolean;
  createdAt?: string;
  /** The phone a one-time code confirmed (ADR 0014), masked; the number itself only through `phoneOf`. */
  phoneMasked?: string;
}

/** A phone to store on an account: the number is kept encrypted, found by its keyed hash. */
export interface VerifiedPhone {
  phone: string;
}

/** What a token is checked against at the gateway. */
export interface SessionState {
  tokenVersion: number;
  disabled: boolean;
}

const toAccount = (r: Record<string, unknown>): Account => ({
  id: r.id as string,
  username: r.username as string,
  passwordHash: r.password_hash as string,
  role: r.role as Role,
  displayName: r.display_name as string,
  regions: r.regions as string[],
  ...(r.employer_id ? { employerId: r.employer_id as string } : {}),
  ...(r.worker_id ? { workerId: r.worker_id as string } : {}),
  tokenVersion: Number(r.token_version ?? 0),
  disabled: r.disabled_at != null,
  ...(r.created_at ? { createdAt: new Date(r.created_at as string).toISOString() } : {}),
  ...(r.phone_masked ? { phoneMasked: r.phone_masked as string } : {}),
});

export const principalOfAccount = (a: Account): Principal => ({
  sub: a.id,
  username: a.username,
  role: a.role,
  ...(a.role === 'officer' ? { regions: a.regions } : {}),
  ...(a.employerId ? { employerId: a.employerId } : {}),
  ...(a.workerId ? { workerId: a.workerId } : {}),
  ...(a.tokenVersion ? { tokenVersion: a.tokenVersion } : {}),
});

/** Sign-in accounts; the gateway's own schema. */
export class AccountRepository {
  /** `phones`: the gateway's phone keys; without them accounts carry no phone (phoneOf answers undefined). */
  constructor(
    private readonly schema: string,
    private readonly phones?: PhoneCipher,
  ) {}

  /** The account's verified phone in clear, for sending to it; undefined when it has none. */
  async phoneOf(db: Queryable, accountId: string): Promise<string | undefined> {
    const r = await db.query<{ phone_encrypted: string | null }>(
      `SELECT phone_encrypted FROM ${this.schema}.accounts WHERE id = $1`,
      [accountId],
    );
    const stored = r.rows[0]?.phone_encrypted;
    return stored && this.phones ? this.phones.decrypt(stored) : undefined;
  }

  /** The enabled accounts whose verified phone is this one. */
  async findByPhone(db: Queryable, phone: string): Promise<Account[]> {
    if (!this.phones) return [];
    const r = await db.query(
      `SELECT * FROM ${this.schema}.accounts WHERE phone_hash = $1 AND disabled_at IS NULL ORDER BY created_at`,
      [this.phones.hash(phone)],
    );
    return r.rows.map(toAccount);
  }

  /** True when an account acts for this worker record. */
  async hasWorkerAccount(db: Queryable, workerId: string): Promise<boolean> {
    const r = await db.query(`SELECT 1 FROM ${this.schema}.accounts WHERE worker_id = $1 LIMIT 1`, [workerId]);
    return (r.rowCount ?? 0) > 0;
  }

  async findByUsername(db: Queryable, username: string): Promise<Account | undefined> {
    const r = await db.query(`SELECT * FROM ${this.schema}.accounts WHERE username = $1`, [username]);
    return r.rows[0] ? toAccount(r.rows[0]) : undefined;
  }

  /** `forUpdate` locks the row for the rest of the transaction. */
  async findById(db: Queryable, id: string, forUpdate = false): Promise<Account | undefined> {
    const r = await db.query(`SELECT * FROM ${this.schema}.accounts WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return r.rows[0] ? toAccount(r.rows[0]) : undefined;
  }

  async sessionState(db: Queryable, id: string): Promise<SessionState | undefined> {
    const r = await db.query<{ token_version: number; disabled: boolean }>(
      `SELECT token_version, disabled_at IS NOT NULL AS disabled FROM ${this.schema}.accounts WHERE id = $1`,
      [id],
    );
    const row = r.rows[0];
    return row ? { tokenVersion: Number(row.token_version), disabled: row.disabled } : undefined;
  }

  /** A page of accounts by username, after `after` when given. */
  async list(db: Queryable, opts: { limit: number; after?: string; role?: Role }): Promise<Account[]> {
    const r = await db.query(
      `SELECT * FROM ${this.schema}.accounts
        WHERE ($1::text IS NULL OR username > $1) AND ($2::text IS NULL OR role = $2)
        ORDER BY username LIMIT $3`,
      [opts.after ?? null, opts.role ?? null, opts.limit],
    );
    return r.rows.map(toAccount);
  }

  /** Sets the password and voids earlier tokens; returns the new token version. */
  async setPassword(db: Queryable, id: string, passwordHash: string): Promise<number | undefined> {
    const r = await db.query<{ token_version: number }>(
      `UPDATE ${this.schema}.accounts SET password_hash = $2, password_changed_at = now(), token_version = token_version + 1
        WHERE id = $1 RETURNING token_version`,
      [id, passwordHash],
    );
    return r.rows[0]?.token_version;
  }

  /** Voids the account's earlier tokens; returns the new token version. */
  async revokeSessions(db: Queryable, id: string): Promise<number | undefined> {
    const r = await db.query<{ token_version: number }>(
      `UPDATE ${this.schema}.accounts SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version`,
      [id],
    );
    return r.rows[0]?.token_version;
  }

  /** Disables (and voids earlier tokens) or enables the account; returns it as it now is. */
  async setDisabled(db: Queryable, id: string, disabled: boolean): Promise<Account | undefined> {
    const r = await db.query(
      disabled
        ? `UPDATE ${this.schema}.accounts SET disabled_at = COALESCE(disabled_at, now()), token_version = token_version + 1
            WHERE id = $1 RETURNING *`
        : `UPDATE ${this.schema}.accounts SET disabled_at = NULL WHERE id = $1 RETURNING *`,
      [id],
    );
    return r.rows[0] ? toAccount(r.rows[0]) : undefined;
  }

  /** Links an employer account, not yet linked, to the company it registered. */
  async linkEmployer(db: Queryable, accountId: string, employerId: string): Promise<boolean> {
    const r = await db.query(
      `UPDATE ${this.schema}.accounts SET employer_id = $2 WHERE id = $1 AND role = 'employer' AND employer_id IS NULL`,
      [accountId, employerId],
    );
    return r.rowCount === 1;
  }

  /** Inserts, or leaves an existing username as it is (seeding runs on every start). */
  async insertIfAbsent(db: Queryable, a: Account, verified?: VerifiedPhone): Promise<boolean> {
    if (verified && !this.phones) throw new Error('an account phone needs PHONE_ENCRYPTION_KEY');
    const phone = verified && this.phones ? verified.phone : undefined;
    const r = await db.query(
      `INSERT INTO ${this.schema}.accounts
         (id, username, password_hash, role, display_name, regions, employer_id, worker_id, phone_hash, phone_encrypted, phone_masked)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (username) DO NOTHING`,
      [
        a.id,
        a.username,
        a.passwordHash,
        a.role,
        a.displayName,
        a.regions,
        a.employerId ?? null,
        a.workerId ?? null,
        phone ? this.phones!.hash(phone) : null,
        phone ? this.phones!.encrypt(phone) : null,
        phone ? this.phones!.mask(phone) : null,
      ],
    );
    return r.rowCount === 1;
  }

  /** Stores a phone a one-time code confirmed on the account (replacing any before). */
  async setPhone(db: Queryable, id: string, verified: VerifiedPhone): Promise<boolean> {
    if (!this.phones) throw new Error('an account phone needs PHONE_ENCRYPTION_KEY');
    const r = await db.query(
      `UPDATE ${this.schema}.accounts SET phone_hash = $2, phone_encrypted = $3, phone_masked = $4 WHERE id = $1`,
      [id, this.phones.hash(verified.phone), this.phones.encrypt(verified.phone), this.phones.mask(verified.phone)],
    );
    return r.rowCount === 1;
  }
}
