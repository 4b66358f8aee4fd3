import pg from 'pg';
import type { Test } from 'tap';
import { type Stack, type StackOptions, startStack } from './stack.ts';

/** What many service tests start with: the stack, three sign-ins and a client of its database. */
export interface SignedInStack {
  stack: Stack;
  admin: string;
  /** officer.yixing (义兴镇, with the pilot village 恋思村). */
  officer: string;
  /** officer.songyan (松烟镇, with 白仁村). */
  otherOfficer: string;
  db: pg.Client;
}

/**
 * Starts the stack before the tests of `t`, signs in the administrator and the two demo officers and
 * connects to its database; stops it all after them. The fields are there once `t.before` has run.
 */
export function signedInStack(t: Test, options: StackOptions): SignedInStack {
  const s = {} as SignedInStack;
  t.before(async () => {
    s.stack = await startStack(options);
    [s.admin, s.officer, s.otherOfficer] = await Promise.all([
      s.stack.login('admin'),
      s.stack.login('officer.yixing'),
      s.stack.login('officer.songyan'),
    ]);
    s.db = new pg.Client({ connectionString: s.stack.db.connectionString });
    await s.db.connect();
  });
  t.teardown(async () => {
    await s.db?.end();
    await s.stack?.stop();
  });
  return s;
}
