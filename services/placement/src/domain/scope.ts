import { type Principal, inRegionScope } from '@tongxin/auth';

/** Region prefixes a principal's lists are limited to: undefined for administrators (everything). */
export function regionScopeOf(p: Principal): string[] | undefined {
  if (p.role === 'admin') return undefined;
  return p.role === 'officer' ? (p.regions ?? []) : [];
}

/** True when the two region codes overlap: one is a prefix of the other. */
export const overlaps = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/** Whether `p` may see an application or placement: its worker, its employer, the officer of its village, an administrator. */
export function maySee(p: Principal, r: { homeVillageCode: string; employerId: string; workerId: string }): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'officer':
      return inRegionScope(p, r.homeVillageCode);
    case 'employer':
      return Boolean(p.employerId) && r.employerId === p.employerId;
    case 'worker':
      return Boolean(p.workerId) && r.workerId === p.workerId;
  }
}
