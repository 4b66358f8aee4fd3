import type { Principal } from '@tongxin/auth';

/** Region prefixes a principal's lists are limited to: undefined for administrators (everything). */
export function regionScopeOf(p: Principal): string[] | undefined {
  if (p.role === 'admin') return undefined;
  return p.role === 'officer' ? (p.regions ?? []) : [];
}

/** True when the two region codes overlap: one is a prefix of the other. */
export const overlaps = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);
