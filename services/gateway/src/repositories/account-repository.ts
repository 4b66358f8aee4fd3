import type { Principal, Role } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';

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
  constructor(private readonly schema: string) {}

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
  async insertIfAbsent(db: Queryable, a: Account): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.schema}.accounts (id, username, password_hash, role, display_name, regions, employer_id, worker_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
      [a.id, a.username, a.passwordHash, a.role, a.displayName, a.regions, a.employerId ?? null, a.workerId ?? null],
    );
    return r.rowCount === 1;
  }
}
