/** Builds numbered parameters for a WHERE clause, so repositories compose filters safely. */
export class SqlArgs {
  readonly values: unknown[] = [];

  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** `column LIKE ANY(prefixes)`: the officer's townships or villages; undefined scope means everything. */
export function regionScope(args: SqlArgs, column: string, scope: string[] | undefined): string | undefined {
  if (!scope) return undefined;
  return `${column} LIKE ANY (${args.add(scope.map((s) => `${s}%`))}::text[])`;
}

export const whereClause = (conditions: (string | undefined)[]): string => {
  const c = conditions.filter((x): x is string => Boolean(x));
  return c.length ? `WHERE ${c.join(' AND ')}` : '';
};
