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

/** Builds a WHERE clause with numbered parameters. */
export class Where {
  readonly args: unknown[] = [];
  readonly parts: string[] = [];

  arg(v: unknown): string {
    this.args.push(v);
    return `$${this.args.length}`;
  }

  add(sql: string): void {
    this.parts.push(sql);
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** SQL selecting region codes of one tier relative to the home county (the rule of deriveTier). */
export function tierCondition(w: Where, column: string, tier: string, homeCounty: string): string {
  const inCounty = () => `(length(${column}) >= 6 AND left(${column}, 6) = ${w.arg(homeCounty)})`;
  const inProvince = () => `left(${column}, 2) = ${w.arg(homeCounty.slice(0, 2))}`;
  if (tier === 'in_county') return inCounty();
  if (tier === 'in_province') return `(${inProvince()} AND NOT ${inCounty()})`;
  return `NOT ${inProvince()}`;
}
