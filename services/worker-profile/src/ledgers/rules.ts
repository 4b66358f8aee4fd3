import type { Principal } from '@tongxin/auth';
import { inRegionScope } from '@tongxin/auth';
import { forbidden } from '@tongxin/service-platform';
import { FAMILY_SERVICES } from './schemas.ts';

/** A record from an event that opens a case (unpaid wages) is not a contact: nobody has reached the worker yet. */
export function countsAsContact(r: { source: string; service: string }): boolean {
  return r.source !== 'event' || r.service === 'training';
}

/** A service delivered by a county department (随迁子女就学, 留守老人照顾…) rather than one of the five. */
export const isFamilyService = (service: string): boolean => (FAMILY_SERVICES as readonly string[]).includes(service);

/** Officers write ledgers of their own villages only; administrators everywhere. */
export function assertWriteScope(p: Principal, regionCode: string, what: string): void {
  if (p.role === 'admin') return;
  if (p.role === 'officer' && inRegionScope(p, regionCode)) return;
  throw forbidden(`${what}: outside your villages`);
}

/** The region prefixes a list is restricted to: undefined for administrators (everything). */
export function readScope(p: Principal): string[] | undefined {
  if (p.role === 'admin') return undefined;
  if (p.role === 'officer') return p.regions ?? [];
  throw forbidden(`ledgers are kept by officers; the ${p.role} role cannot list them`);
}

/** The narrower of a requested village/township and nothing: filters are checked against the scope by the query. */
export function regionFilter(q: { village?: string; township?: string }): string | undefined {
  return q.village ?? q.township;
}

/** One page of a list, as `pageOf` builds it. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Two decimals: money is kept to the fen. */
export const toFen = (amount: number): number => Math.round(amount * 100) / 100;

/** The first day of a `YYYY-MM` month, for comparing with dates. */
export const monthStart = (month: string): string => `${month}-01`;
