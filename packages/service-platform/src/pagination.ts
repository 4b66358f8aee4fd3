import { type TOptional, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { StrictObject } from './schemas.ts';
import { invalidField } from './errors.ts';

/** `limit` and `cursor` query parameters every list accepts. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/**
 * The query string of a list: its filters, each optional, then `limit` and `cursor`; nothing else
 * is accepted. `ListQuery({ status: Status, workerId: Uuid })`.
 */
export function ListQuery<T extends TProperties>(filters: T) {
  const optional = Object.fromEntries(Object.entries(filters).map(([k, s]) => [k, Type.Optional(s)]));
  return StrictObject({ ...(optional as { [K in keyof T]: TOptional<T[K]> }), ...PageQuery });
}

/** A page of items and the opaque cursor of the next page (absent on the last). */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Optional(Type.String()) });

/** Cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(String(key)).toString('base64url');
}

export function decodeNumericCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const n = Number(text);
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(n))
    throw invalidField('cursor', 'not a cursor this list issued');
  return n;
}

/**
 * One page from rows fetched with `limit + 1`: the extra row only says that another page exists,
 * and the cursor is the sort key of the page's last row.
 */
export function pageOf<R, V>(
  rows: readonly R[],
  limit: number,
  view: (row: R) => V,
  key: (row: R) => string | number,
): { items: V[]; nextCursor?: string } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  const items = shown.map(view);
  return rows.length > limit && last !== undefined ? { items, nextCursor: encodeCursor(key(last)) } : { items };
}

/** `pageOf` for rows ordered by their `seq`, the usual sort key. */
export const bySeq = (row: { seq: number }): number => row.seq;

/** Where a page of a list sorted by `seq` starts, and how many rows to fetch from there. */
export interface SeqWindow {
  afterSeq?: number;
  limit: number;
}

/**
 * One page of a list sorted by `seq`: fetches the rows after the query's cursor, one more than
 * its limit (default 50) to know whether another page exists, and answers them as a page.
 */
export async function pageBySeq<R extends { seq: number }, V>(
  q: { cursor?: string; limit?: number },
  fetch: (window: SeqWindow) => Promise<readonly R[]>,
  view: (row: R) => V,
): Promise<{ items: V[]; nextCursor?: string }> {
  const limit = q.limit ?? 50;
  const rows = await fetch({ ...(q.cursor ? { afterSeq: decodeNumericCursor(q.cursor) } : {}), limit: limit + 1 });
  return pageOf(rows, limit, view, bySeq);
}
