import type { Queryable } from '@tongxin/db';

/** An activation code as stored: only its keyed hash, never the code (migration 0005). */
export interface ActivationCodeRow {
  id: string;
  workerId: string;
  workerNameMasked: string;
  expiresAt: Date;
  usedAt?: Date;
  voidedAt?: Date;
}

/**
 * The SQL of the self-service ways in (ADR 0018): accounts an employer sign-up holds disabled until
 * its company exists, and the officer-issued activation codes. The gateway's own schema.
 */
export class EnrolmentRepository {
  constructor(private readonly schema: string) {}

  /**
   * Inserts an employer account that cannot sign in yet (disabled): it stands only while the employer
   * service registers its company, and is enabled or deleted after. False when the username is taken.
   */
  async insertPendingEmployer(
    db: Queryable,
    a: { id: string; username: string; passwordHash: string; displayName: string },
  ): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.schema}.accounts (id, username, password_hash, role, display_name, disabled_at)
       VALUES ($1, $2, $3, 'employer', $4, now()) ON CONFLICT (username) DO NOTHING`,
      [a.id, a.username, a.passwordHash, a.displayName],
    );
    return r.rowCount === 1;
  }

  /** The company exists: the account acts for it from now on (the employer.registered consumer agrees). */
  async activateEmployer(db: Queryable, accountId: string, employerId: string): Promise<void> {
    await db.query(
      `UPDATE ${this.schema}.accounts SET disabled_at = NULL, employer_id = COALESCE(employer_id, $2)
        WHERE id = $1 AND role = 'employer'`,
      [accountId, employerId],
    );
  }

  /** The company was refused: the pending account goes, as if the sign-up never happened. */
  async deletePendingEmployer(db: Queryable, accountId: string): Promise<void> {
    await db.query(
      `DELETE FROM ${this.schema}.accounts WHERE id = $1 AND role = 'employer' AND disabled_at IS NOT NULL`,
      [accountId],
    );
  }

  /** A worker account for the worker an activation code was issued for; false when the username is taken. */
  async insertWorker(
    db: Queryable,
    a: { id: string; username: string; passwordHash: string; displayName: string; workerId: string },
  ): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.schema}.accounts (id, username, password_hash, role, display_name, worker_id)
       VALUES ($1, $2, $3, 'worker', $4, $5) ON CONFLICT (username) DO NOTHING`,
      [a.id, a.username, a.passwordHash, a.displayName, a.workerId],
    );
    return r.rowCount === 1;
  }

  async workerHasAccount(db: Queryable, workerId: string): Promise<boolean> {
    const r = await db.query(`SELECT 1 FROM ${this.schema}.accounts WHERE worker_id = $1 LIMIT 1`, [workerId]);
    return r.rows.length > 0;
  }

  /** Issues a code for the worker; the worker's earlier unused codes are void from now on. */
  async issueCode(
    db: Queryable,
    c: { id: string; codeHash: string; workerId: string; workerNameMasked: string; issuedBy: string; expiresAt: Date },
  ): Promise<void> {
    await db.query(
      `UPDATE ${this.schema}.activation_codes SET voided_at = now()
        WHERE worker_id = $1 AND used_at IS NULL AND voided_at IS NULL`,
      [c.workerId],
    );
    await db.query(
      `INSERT INTO ${this.schema}.activation_codes (id, code_hash, worker_id, worker_name_masked, issued_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, c.codeHash, c.workerId, c.workerNameMasked, c.issuedBy, c.expiresAt],
    );
  }

  /** The code with this hash, locked for the rest of the transaction (one redemption at a time). */
  async lockCode(db: Queryable, codeHash: string): Promise<ActivationCodeRow | undefined> {
    const r = await db.query(`SELECT * FROM ${this.schema}.activation_codes WHERE code_hash = $1 FOR UPDATE`, [
      codeHash,
    ]);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return {
      id: row.id as string,
      workerId: row.worker_id as string,
      workerNameMasked: row.worker_name_masked as string,
      expiresAt: new Date(row.expires_at as string),
      ...(row.used_at ? { usedAt: new Date(row.used_at as string) } : {}),
      ...(row.voided_at ? { voidedAt: new Date(row.voided_at as string) } : {}),
    };
  }

  async markUsed(db: Queryable, id: string, accountId: string): Promise<void> {
    await db.query(`UPDATE ${this.schema}.activation_codes SET used_at = now(), used_by_account = $2 WHERE id = $1`, [
      id,
      accountId,
    ]);
  }
}
