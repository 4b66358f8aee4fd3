/** Row helpers shared by the repositories: dates as ISO text, nulls as absent fields. */
export type Row = Record<string, unknown>;

export const iso = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString() : v == null ? undefined : String(v);

/** `date` columns come back as Date at local midnight from pg, or as text; keep YYYY-MM-DD. */
export const day = (v: unknown): string => {
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
  }
  return String(v).slice(0, 10);
};

/** Copies the non-null entries so optional fields stay absent rather than null. */
export function present<T extends object>(o: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}
