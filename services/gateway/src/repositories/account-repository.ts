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
});

export const principalOfAccount = (a: Account): Principal => ({
  sub: a.id,
  username: a.username,
  role: a.role,
  ...(a.role === 'officer' ? { regions: a.regions } : {}),
  ...(a.employerId ? { employerId: a.employerId } : {}),
  ...(a.workerId ? { workerId: a.workerId } : {}),
});

/** Sign-in accounts; the gateway's own schema. */
export class AccountRepository {
  constructor(private readonly schema: string) {}

  async findByUsername(db: Queryable, username: string): Promise<Account | undefined> {
    const r = await db.query(`SELECT * FROM ${this.schema}.accounts WHERE username = $1`, [username]);
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
