export const ROLES = ['worker', 'employer', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as carried in the access token. */
export interface Principal {
  /** Account id. */
  sub: string;
  username: string;
  role: Role;
  /** Officer: region codes (township or village) they serve; a worker's home village must start with one. */
  regions?: string[];
  /** Employer account: the company it acts for. */
  employerId?: string;
  /** Worker account: the worker record it is. */
  workerId?: string;
  /**
   * The account's token version when the token was issued (absent = 0). Changing or resetting the
   * password, disabling the account or signing out everywhere raises it; older tokens are refused.
   */
  tokenVersion?: number;
}

/** True when the principal may act on a record whose home region is `regionCode`. */
export function inRegionScope(p: Principal, regionCode: string): boolean {
  if (p.role === 'admin') return true;
  if (p.role !== 'officer') return false;
  return (p.regions ?? []).some((r) => regionCode.startsWith(r));
}
