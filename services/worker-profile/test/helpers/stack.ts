import { type Stack, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import type { Test } from 'tap';

/** What most worker-profile tests start with: the service, three sign-ins and a database client. */
export interface WorkerProfileStack {
  stack: Stack;
  admin: string;
  /** officer.yixing (义兴镇, with the pilot village 恋思村). */
  officer: string;
  /** officer.songyan (松烟镇, with 白仁村). */
  otherOfficer: string;
  db: pg.Client;
}

/** Starts worker-profile before the tests of `t` and stops it after them. */
export function workerProfileStack(t: Test, settings: Record<string, string> = {}): WorkerProfileStack {
  const s = {} as WorkerProfileStack;
  t.before(async () => {
    s.stack = await startStack({ services: ['worker-profile'], settings });
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
