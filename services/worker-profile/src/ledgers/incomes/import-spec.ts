import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { INCOME_COLUMNS } from '../../imports/columns.ts';
import {
  type KeyedImportSpec,
  type Parsed,
  type Write,
  idNumberCell,
  matchByKey,
} from '../../imports/import-pipeline.ts';
import { INCOME_SOURCE, VERIFIED, parseMonth } from '../../imports/labels.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import { schemaCheck } from '../../imports/schema-check.ts';
import { toFen } from '../rules.ts';
import { IncomeInput } from '../schemas.ts';
import { incomeRecordedEvent, sameIncome } from './income-ledger.ts';
import { type IncomeRecord, IncomeRepository, type NewIncome, incomeKey } from './income-repository.ts';

const checkInput = schemaCheck(IncomeInput);

/** The income ledger's import: entries match on (worker, month, verified); a different amount or source is a correction that keeps the old entry as history. */
@injectable()
export class IncomeImportSpec implements KeyedImportSpec<NewIncome, IncomeRecord> {
  readonly columns = INCOME_COLUMNS;

  constructor(@inject(IncomeRepository) private readonly incomes: IncomeRepository) {}

  readonly idNumbers = idNumberCell;

  parse(r: RowReader): NewIncome | undefined {
    const w = r.worker(r.cell('idNumber'), r.cell('name'));
    const monthText = r.cell('month');
    const month = parseMonth(monthText);
    if (!month) r.problem('month', monthText ? `"${monthText}" is not a month (use YYYY-MM)` : 'is required');
    else if (month > r.ctx.today.slice(0, 7) || month < '2000-01')
      r.problem('month', 'must be a past month after 2000');
    const amountText = r.cell('amount').replace(/[,，\s元¥￥]/g, '');
    const amount = /^\d+(\.\d+)?$/.test(amountText) ? Number(amountText) : undefined;
    if (amount === undefined || amount > 1_000_000)
      r.problem('amount', amountText ? 'must be an amount in yuan between 0 and 1,000,000' : 'is required');
    const source = r.cell('source') ? INCOME_SOURCE.parse(r.cell('source')) : 'wages';
    if (!source) r.problem('source', `"${r.cell('source')}" is not one of ${INCOME_SOURCE.choices}`);
    const verified = r.cell('verified') ? VERIFIED.parse(r.cell('verified')) : false;
    if (verified === undefined) r.problem('verified', `"${r.cell('verified')}" is not one of ${VERIFIED.choices}`);
    const employerName = r.text('employerName', 200);
    const note = r.text('note', 500);
    if (!w || !month || amount === undefined || !source || verified === undefined) return undefined;
    return {
      id: randomUUID(),
      workerId: w.id,
      homeVillageCode: w.homeVillageCode,
      ...(w.householdNo ? { householdNo: w.householdNo } : {}),
      month,
      amount: toFen(amount),
      source: source as NewIncome['source'],
      ...(employerName ? { employerName } : {}),
      verified,
      ...(note ? { note } : {}),
      recordedBy: r.ctx.principal.sub,
    };
  }

  schemaErrors({ month, amount, source, employerName, verified, note }: NewIncome) {
    return checkInput({ month, amount, source, employerName, verified, note });
  }

  /** A month holds one verified and one self-reported entry: each may come once per file. */
  readonly repeats = {
    key: incomeKey,
    problem: (first: number, entry: NewIncome) => ({
      key: 'month',
      message: `the same worker, month and ${entry.verified ? 'verified' : 'self-reported'} entry are already in row ${first}`,
    }),
  };

  existing(db: Pool, entries: NewIncome[]): Promise<Map<string, IncomeRecord>> {
    return this.incomes.currentMany(db, entries);
  }

  classify(rows: Parsed<NewIncome>[], current: Map<string, IncomeRecord>) {
    return matchByKey(rows, current, incomeKey, sameIncome);
  }

  async write(tx: PoolClient, plan: Write<NewIncome, IncomeRecord>[]): Promise<TongxinEvent[]> {
    const writes = plan.map(({ value, old }) => (old ? { ...value, replaces: old.id } : value));
    await this.incomes.supersede(
      tx,
      plan.flatMap((w) => (w.old ? [w.old.id] : [])),
    );
    for (let i = 0; i < writes.length; i += 2000) await this.incomes.insertMany(tx, writes.slice(i, i + 2000));
    return writes.map(incomeRecordedEvent);
  }
}
