/** Collects positional parameters while a query is assembled: `where.push(\`x = ${p.add(v)}\`)`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The condition "`column` lies in one of these regions": region codes are hierarchical prefixes
 * (township 9 digits, village 12), so a scope of prefixes is one `LIKE ANY` over them.
 * An empty scope matches nothing, as an officer with no villages sees nothing.
 */
export function regionScopeSql(column: string, prefixes: readonly string[], params: SqlParams): string {
  if (prefixes.length === 0) return 'false';
  return `${column} LIKE ANY (${params.add(prefixes.map((p) => `${p}%`))}::text[])`;
}

/** `WHERE a AND b …` over the conditions present (an undefined one is a filter not asked for), or nothing. */
export function whereSql(conditions: readonly (string | undefined)[]): string {
  const present = conditions.filter((c): c is string => c !== undefined && c !== '');
  return present.length ? `WHERE ${present.join(' AND ')}` : '';
}

/**
 * The LIMIT of a listing that shows at most `limit` rows and still counts every match (the query
 * selects `count(*) OVER () AS total`): at least one row, so that the total is read even when only
 * the count is asked for (limit 0). `countedRows` then reads the answer.
 */
export const countedLimit = (limit: number): number => Math.max(limit, 1);

/** The total and the first `limit` rows, mapped, of a query limited to `countedLimit(limit)`. */
export function countedRows<R extends { total?: unknown }, T>(
  rows: readonly R[],
  limit: number,
  map: (row: R) => T,
): { total: number; rows: T[] } {
  return { total: Number(rows[0]?.total ?? 0), rows: rows.slice(0, limit).map(map) };
}

/** A repository's tables, schema-qualified: `${t.openings}` in its SQL. */
export type Tables<N extends string> = Readonly<Record<N, string>>;

/**
 * The tables a repository's SQL uses, qualified with the service's schema, named once in its
 * constructor: `tablesIn(config, 'openings', 'employers').openings` is `<SCHEMA>.openings`.
 */
export function tablesIn<const N extends string>(config: { SCHEMA: string }, ...names: N[]): Tables<N> {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, `${config.SCHEMA}.${n}`]))) as Tables<N>;
}
