import { randomUUID } from 'node:crypto';
import { type Role, hashPassword } from '@tongxin/auth';
import { type Pool, createPool, migrate } from '@tongxin/db';
import { join } from 'node:path';
import { platformMigrations } from '@tongxin/service-platform';
import { AccountRepository } from './repositories/account-repository.ts';
import { SCHEMA } from './app.ts';

export interface AccountSeed {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  regions?: string[];
  employerId?: string;
  workerId?: string;
}

/** Creates the accounts that do not exist yet; run at every start, it changes nothing the second time. */
export async function ensureAccounts(databaseUrl: string, seeds: AccountSeed[]): Promise<number> {
  const pool: Pool = createPool(databaseUrl, { max: 2 });
  try {
    await migrate(pool, {
      schema: SCHEMA,
      dir: join(import.meta.dirname, 'migrations'),
      preamble: platformMigrations(SCHEMA),
    });
    const repo = new AccountRepository(SCHEMA);
    let created = 0;
    for (const s of seeds) {
      const inserted = await repo.insertIfAbsent(pool, {
        id: randomUUID(),
        username: s.username,
        passwordHash: await hashPassword(s.password),
        role: s.role,
        displayName: s.displayName,
        regions: s.regions ?? [],
        ...(s.employerId ? { employerId: s.employerId } : {}),
        ...(s.workerId ? { workerId: s.workerId } : {}),
      });
      if (inserted) created++;
    }
    return created;
  } finally {
    await pool.end();
  }
}
