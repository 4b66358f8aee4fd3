import { type Principal, inRegionScope } from '@tongxin/auth';
import type { Column } from './columns.ts';
import type { SheetRow } from './sheet/read-sheet.ts';

/** Import modes: `all` writes nothing unless every row is valid; `valid-only` writes the valid rows. */
export type ImportMode = 'all' | 'valid-only';

/** One problem in the file, named by sheet row and column header. */
export interface RowProblem {
  row: number;
  column?: string;
  message: string;
}

export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

export interface ImportOutcome extends ImportCounts {
  /** False when the import was refused as a whole (mode `all` with invalid rows). */
  written: boolean;
  errors: RowProblem[];
}

export interface ImportContext {
  principal: Principal;
  mode: ImportMode;
  today: string;
  now: string;
  /** Reports rows processed so far (validation and writing each count half). */
  progress(processed: number): void;
}

/** Collects problems of a sheet, by row, with column headers instead of keys. */
export class Problems {
  readonly #list: RowProblem[] = [];
  readonly #rows = new Set<number>();

  constructor(private readonly columns: Column[]) {}

  add(row: number, key: string | undefined, message: string): void {
    const column = key ? (this.columns.find((c) => c.key === key)?.header ?? key) : undefined;
    this.#list.push({ row, ...(column ? { column } : {}), message });
    this.#rows.add(row);
  }

  /** Every problem, by row in the order of the sheet. */
  get list(): RowProblem[] {
    return [...this.#list].sort((a, b) => a.row - b.row);
  }

  has(row: number): boolean {
    return this.#rows.has(row);
  }

  get rowCount(): number {
    return this.#rows.size;
  }
}

/**
 * The outcome of an import: written, or refused whole (mode `all` with an invalid row), which
 * counts nothing created, updated or unchanged.
 */
export function importOutcome(
  total: number,
  problems: Problems,
  ctx: ImportContext,
  counts: Omit<ImportCounts, 'total' | 'invalid'>,
): ImportOutcome {
  const refused = refusesWhole(ctx, problems);
  return {
    total,
    ...(refused ? { created: 0, updated: 0, unchanged: 0 } : counts),
    invalid: problems.rowCount,
    written: !refused,
    errors: problems.list,
  };
}

/** True when the import must write nothing: mode `all` and at least one invalid row. */
export const refusesWhole = (ctx: ImportContext, problems: Problems): boolean =>
  problems.rowCount > 0 && ctx.mode === 'all';

/** Officers import only rows of their villages. */
export const canWrite = (p: Principal, regionCode: string): boolean =>
  p.role === 'admin' || (p.role === 'officer' && inRegionScope(p, regionCode));

/** Reads one row's cells by column key. */
export const cellReader =
  (row: SheetRow, at: Map<string, number>) =>
  (key: string): string => {
    const i = at.get(key);
    return i === undefined ? '' : (row.cells[i] ?? '');
  };

/** JSON with object keys sorted, so values read back from jsonb compare equal to freshly built ones. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export const ID_FORMAT = /^\d{17}[\dX]$/;
