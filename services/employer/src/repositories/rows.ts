import type { SqlParams } from '@tongxin/db';

/** Column ↔ field helpers shared by the repositories. */
export type Row = Record<string, unknown>;

export const iso = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : undefined);

/** Copies the non-null columns named in `columns` onto a record under their field names. */
export function pick(r: Row, columns: Record<string, string>, into: Record<string, unknown>): Record<string, unknown> {
  for (const [field, column] of Object.entries(columns)) {
    const v = r[column];
    if (v !== null && v !== undefined) into[field] = v;
  }
  return into;
}

/** SQL limiting a list to the employer an account acts for (`employer` is the employers table's alias, if any). */
export function actingForSql(
  actingFor: { employerId?: string; accountId: string },
  args: SqlParams,
  employer?: string,
): string {
  const e = employer ? `${employer}.` : '';
  return `(${e}id::text = ${args.add(actingFor.employerId ?? '')} OR ${e}owner_account_id = ${args.add(actingFor.accountId)})`;
}

/** SQL selecting region codes of one tier relative to the home county (the rule of deriveTier). */
export function tierCondition(args: SqlParams, column: string, tier: string, homeCounty: string): string {
  const inCounty = () => `(length(${column}) >= 6 AND left(${column}, 6) = ${args.add(homeCounty)})`;
  const inProvince = () => `left(${column}, 2) = ${args.add(homeCounty.slice(0, 2))}`;
  if (tier === 'in_county') return inCounty();
  if (tier === 'in_province') return `(${inProvince()} AND NOT ${inCounty()})`;
  return `NOT ${inProvince()}`;
}
