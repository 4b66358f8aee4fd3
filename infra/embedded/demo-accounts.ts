import type { AccountSeed } from '@tongxin/gateway';

/** The password of every demo account; a real county replaces these accounts. */
export const DEMO_PASSWORD = 'Tongxin#2026';

/**
 * Accounts that exist from the first start. The employer and worker demo accounts are made by
 * the seed steps, since they belong to a seeded company and a seeded worker.
 */
export const DEMO_ACCOUNTS: Omit<AccountSeed, 'password'>[] = [
  { username: 'admin', role: 'admin', displayName: '和顺县管理员' },
  { username: 'officer.yixing', role: 'officer', displayName: '义兴镇工作组', regions: ['140723100'] },
  { username: 'officer.songyan', role: 'officer', displayName: '松烟镇工作组', regions: ['140723102'] },
];
