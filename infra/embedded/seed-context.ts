import type { Role } from '@tongxin/auth';
import type { ApiClient } from '@tongxin/test-harness';

export interface AccountInput {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  regions?: string[];
  employerId?: string;
  workerId?: string;
}

/** What a seed step gets: the public API as an administrator, and state shared with later steps. */
export interface SeedContext {
  api: ApiClient;
  /** An administrator's access token. */
  admin: string;
  login(username: string, password: string): Promise<string>;
  /** Creates a sign-in account and returns its id (undefined when the username already exists). */
  createAccount(account: AccountInput): Promise<string | undefined>;
  progress(label: string, done: number, total: number): void;
  /** Saves `state` now, so that a step interrupted later resumes from here. */
  checkpoint(): Promise<void>;
  state: Record<string, unknown>;
}

export type SeedStep = (ctx: SeedContext) => Promise<void>;
