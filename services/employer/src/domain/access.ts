import type { Principal } from '@tongxin/auth';

/**
 * Who may act for a company: county staff for every one; an employer account for the company
 * it is linked to (its token's employerId) or the one it registered itself (owner account).
 */
export function actsFor(p: Principal, employer: { id: string; ownerAccountId?: string | undefined }): boolean {
  if (p.role === 'admin' || p.role === 'officer') return true;
  if (p.role !== 'employer') return false;
  return p.employerId === employer.id || (employer.ownerAccountId !== undefined && employer.ownerAccountId === p.sub);
}

/** The list restriction for an employer account; undefined for county staff. */
export function actingFor(p: Principal): { employerId?: string; accountId: string } | undefined {
  if (p.role !== 'employer') return undefined;
  return { ...(p.employerId ? { employerId: p.employerId } : {}), accountId: p.sub };
}

/** Workers and anonymous callers see only what is published. */
export function isPublicViewer(p: Principal | undefined): boolean {
  return p === undefined || p.role === 'worker';
}
