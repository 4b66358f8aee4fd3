import type { Pool, PoolClient } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { TOKENS } from '../tokens.ts';
import { type Column, locateColumns } from './columns.ts';
import {
  type ImportContext,
  type ImportOutcome,
  Problems,
  cellReader,
  importOutcome,
  refusesWhole,
} from './import-types.ts';
import type { CellError } from './registry-rows.ts';
import { RowReader } from './row-reader.ts';
import type { Sheet } from './sheet/read-sheet.ts';
import { lookupWorkers, rowWorker } from './worker-lookup.ts';

/** A valid row's value with the sheet row it came from. */
export interface Parsed<T> {
  row: number;
  value: T;
}

/** What an import will write, and what its rows amount to. */
export interface Classified<P> {
  plan: P;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * One ledger as the import pipeline reads it: locate columns → parse → check against the schema →
 * refuse repeats within the file → match existing rows → classify → refuse, or write with events.
 * `T` is a parsed row, `E` the stored rows it is matched against, `P` the plan written.
 */
export interface LedgerImportSpec<T, E, P> {
  readonly columns: Column[];
  /** The ID numbers a row names, looked up in one go before rows are read; ledgers of places name none. */
  idNumbers?(cell: (key: string) => string): string[];
  /** One row's value, or undefined (or any value, once a problem is recorded) when it is invalid. */
  parse(r: RowReader): T | undefined;
  /** The row against the ledger's input schema, as its API validates it. */
  schemaErrors(value: T): CellError[];
  /** The natural key of a row within the file: a later row with the same key is refused. */
  repeats?: { key(value: T): string; problem(firstRow: number, value: T): CellError };
  /** The stored rows the parsed ones may match. */
  existing(db: Pool, values: T[]): Promise<E>;
  /** New, unchanged or updated; may refuse rows that clash with what is stored. */
  classify(rows: Parsed<T>[], existing: E, ctx: ImportContext, problems: Problems): Classified<P>;
  /** Writes the plan in the import's transaction and returns its events. */
  write(tx: PoolClient, plan: P, ctx: ImportContext): Promise<TongxinEvent[]>;
}

/** A row to write: new, or a change of the stored row it matched. */
export interface Write<T, E> {
  value: T;
  old?: E;
}

/** A ledger whose rows match stored rows by a key (see `matchByKey`). */
export type KeyedImportSpec<T, E> = LedgerImportSpec<T, Map<string, E>, Write<T, E>[]>;

/** Ledgers about one worker name them by the ID number in the row's `idNumber` cell. */
export const idNumberCell = (cell: (key: string) => string): string[] => [cell('idNumber')];

/**
 * The usual classification: a row matches the stored row of the same key; the same content is
 * unchanged, another is an update. Writes keep the order of the sheet.
 */
export function matchByKey<T, E>(
  rows: Parsed<T>[],
  existing: Map<string, E>,
  key: (value: T) => string,
  same: (old: E, value: T) => boolean,
): Classified<Write<T, E>[]> {
  const plan: Write<T, E>[] = [];
  let unchanged = 0;
  for (const { value } of rows) {
    const old = existing.get(key(value));
    if (!old) plan.push({ value });
    else if (same(old, value)) unchanged++;
    else plan.push({ value, old });
  }
  const updated = plan.filter((w) => w.old).length;
  return { plan, created: plan.length - updated, updated, unchanged };
}

/** Runs ledger imports: every ledger through the same stages, each stage as its spec says. */
@injectable()
export class LedgerImportPipeline {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
  ) {}

  async run<T, E, P>(spec: LedgerImportSpec<T, E, P>, ctx: ImportContext, sheet: Sheet): Promise<ImportOutcome> {
    const at = locateColumns(sheet.headers, spec.columns);
    const problems = new Problems(spec.columns);
    const rows = sheet.rows.map((r) => ({ row: r.row, cell: cellReader(r, at) }));
    const byHash = spec.idNumbers
      ? await lookupWorkers(
          this.ctx.pool,
          this.workers,
          this.cipher,
          rows.flatMap((r) => spec.idNumbers!(r.cell).map((id) => id.replace(/\s/g, '').toUpperCase())),
        )
      : new Map();
    const findWorker = (row: number, idText: string, name: string, idKey?: string) =>
      rowWorker(ctx, row, idText, name, byHash, this.cipher, problems, idKey);

    const parsed: Parsed<T>[] = [];
    const firstRowOf = new Map<string, number>();
    const lastRowOf = new Map<string, number>();
    for (const { row, cell } of rows) {
      const value = spec.parse(new RowReader(row, cell, ctx, problems, findWorker, lastRowOf));
      if (value === undefined || problems.has(row)) continue;
      for (const e of spec.schemaErrors(value)) problems.add(row, e.key, e.message);
      if (problems.has(row)) continue;
      if (spec.repeats) {
        const key = spec.repeats.key(value);
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          const e = spec.repeats.problem(first, value);
          problems.add(row, e.key, e.message);
          continue;
        }
        firstRowOf.set(key, row);
      }
      parsed.push({ row, value });
    }

    const existing = await spec.existing(
      this.ctx.pool,
      parsed.map((p) => p.value),
    );
    const { plan, ...counts } = spec.classify(parsed, existing, ctx, problems);
    if (refusesWhole(ctx, problems)) return importOutcome(sheet.rows.length, problems, ctx, counts);
    ctx.progress(Math.floor(sheet.rows.length / 2));
    await this.ctx.transaction(async (tx) => {
      await this.ctx.outbox.addAll(tx, await spec.write(tx, plan, ctx));
    });
    return importOutcome(sheet.rows.length, problems, ctx, counts);
  }
}
