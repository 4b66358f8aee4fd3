import type { WorkerRecord } from '../registry/worker.ts';
import type { ImportContext, Problems } from './import-types.ts';
import { DATE_HINT, parseClerkDate } from './cells/dates.ts';
import { resolveVillageOrTownship } from './cells/places.ts';
import type { Labels } from './labels.ts';

/** Finds the registered worker a row names by ID number (see `rowWorker`), recording the problem when there is none. */
export type RowWorkerFinder = (row: number, idText: string, name: string, idKey?: string) => WorkerRecord | undefined;

/** One sheet row as a ledger spec reads it: its cells by column key, and its problems recorded as they are found. */
export class RowReader {
  constructor(
    readonly row: number,
    readonly cell: (key: string) => string,
    readonly ctx: ImportContext,
    private readonly problems: Problems,
    private readonly findWorker: RowWorkerFinder,
    private readonly lastRowOf: Map<string, number>,
  ) {}

  /** The last earlier row of the sheet with this key, if any; this row becomes the last one. */
  repeats(key: string): number | undefined {
    const last = this.lastRowOf.get(key);
    this.lastRowOf.set(key, this.row);
    return last;
  }

  problem(key: string | undefined, message: string): void {
    this.problems.add(this.row, key, message);
  }

  get hasProblems(): boolean {
    return this.problems.has(this.row);
  }

  /** The registered worker of an ID-number cell, checked against the name cell when one is given. */
  worker(idText: string, name: string, idKey?: string): WorkerRecord | undefined {
    return this.findWorker(this.row, idText, name, idKey);
  }

  /** A required coded cell read through its labels; a problem names the choices when it is none of them. */
  required<T extends string>(labels: Labels<T>, key: string): T | undefined {
    const text = this.cell(key);
    const value = labels.parse(text);
    if (!value) this.problem(key, text ? `"${text}"无法识别：请填写 ${labels.choices}` : 'is required');
    return value;
  }

  /** A required date cell: a date after 2000 and not after today. */
  requiredPastDate(key: string): string | undefined {
    const text = this.cell(key);
    const date = parseClerkDate(text);
    if (!date) this.problem(key, text ? `日期无法识别："${text}"，${DATE_HINT}` : 'is required');
    else if (date > this.ctx.today || date < '2000-01-01') this.problem(key, 'must be a past date after 2000');
    return date;
  }

  /** A required village or township cell, by code or by name (义兴镇, 恋思村, 义兴镇恋思村): its code. */
  villageOrTownship(key: string): string | undefined {
    const text = this.cell(key);
    if (!text) {
      this.problem(key, 'is required');
      return undefined;
    }
    const place = resolveVillageOrTownship(text);
    if ('code' in place) return place.code;
    this.problem(key, place.problem);
    return undefined;
  }

  /** A text cell of at most `max` characters ('' when empty). */
  text(key: string, max: number): string {
    const value = this.cell(key);
    if (value.length > max) this.problem(key, `is longer than ${max} characters`);
    return value;
  }
}
