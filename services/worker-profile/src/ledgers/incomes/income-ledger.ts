import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { UniqueViolation } from '@tongxin/db';
import { type TongxinEvent, createEvent } from '@tongxin/events';
import {
  bySeq,
  decodeNumericCursor,
  encodeCursor,
  forbidden,
  invalidField,
  notFound,
  pageOf,
  ServiceContext,
} from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { WorkerProfileConfig } from '../../config.ts';
import type { HouseholdQuery, IncomeInput, IncomeView, WorkerLedgerQuery } from '../schemas.ts';
import { type Page, assertWriteScope, readScope, regionFilter, toFen } from '../rules.ts';
import { type IncomeRecord, IncomeRepository, type NewIncome } from './income-repository.ts';
import { WorkerRepository } from '../../registry/worker-repository.ts';
import { canReadWorkerLedger } from '../services/service-ledger.ts';
import { incomeMonthConflict } from '../../errors.ts';
import { SOURCE } from '../../registry/worker-changes.ts';

/** ledger.income-recorded for an entry as stored. */
export function incomeRecordedEvent(i: NewIncome): TongxinEvent {
  return createEvent({
    type: 'ledger.income-recorded',
    source: SOURCE,
    subject: i.workerId,
    data: {
      income: {
        id: i.id,
        workerId: i.workerId,
        homeVillageCode: i.homeVillageCode,
        ...(i.householdNo !== undefined ? { householdNo: i.householdNo } : {}),
        month: i.month,
        amount: i.amount,
        source: i.source,
        ...(i.employerName !== undefined ? { employerName: i.employerName } : {}),
        verified: i.verified,
        ...(i.replaces !== undefined ? { replaces: i.replaces } : {}),
      },
    },
  });
}

/** True when an entry says the same as the input: recording it again changes nothing. */
export function sameIncome(
  a: Pick<IncomeView, 'amount' | 'source' | 'employerName' | 'verified' | 'note'>,
  b: Pick<IncomeView, 'amount' | 'source' | 'employerName' | 'verified' | 'note'>,
): boolean {
  return (
    a.amount === b.amount &&
    a.source === b.source &&
    (a.employerName ?? '') === (b.employerName ?? '') &&
    a.verified === b.verified &&
    (a.note ?? '') === (b.note ?? '')
  );
}

const view = ({ seq: _s, ...v }: IncomeRecord): IncomeView => v;

/**
 * The income ledger (收入台账): per worker and month one current verified entry and one current
 * self-reported entry; corrections keep history.
 */
@injectable()
export class IncomeLedger {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<WorkerProfileConfig>,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(IncomeRepository) private readonly incomes: IncomeRepository,
  ) {}

  /**
   * Records a month's income. A worker may report their own (never verified); an officer of the
   * village or an administrator records any. Returns `created: false` when nothing changed.
   */
  async record(p: Principal, workerId: string, input: IncomeInput): Promise<{ income: IncomeView; created: boolean }> {
    if (p.role === 'employer') throw forbidden('employers do not keep income ledgers');
    if (p.role === 'worker' && input.verified)
      throw invalidField('verified', 'a worker reports income; an officer verifies it');
    const thisMonth = this.ctx.calendar.monthOf(this.ctx.clock());
    if (input.month > thisMonth) throw invalidField('month', 'is in the future');
    if (input.month < '2000-01') throw invalidField('month', 'is before 2000');
    const amount = toFen(input.amount);
    try {
      return await this.ctx.transaction(async (tx) => {
        const worker = await this.workers.findById(tx, workerId, true);
        if (!worker || !canReadWorkerLedger(p, worker)) throw notFound('worker', workerId);
        if (p.role !== 'worker') assertWriteScope(p, worker.homeVillageCode, 'recording income');
        // A month keeps its verified entry and the self-reported figure side by side: recording
        // corrects only the entry of its own kind, so a worker's report never replaces what an
        // officer verified (only officers and administrators record verified entries).
        const current = await this.incomes.current(tx, workerId, input.month, input.verified, true);
        if (current && sameIncome(current, { ...input, amount })) return { income: view(current), created: false };
        const entry: NewIncome = {
          id: randomUUID(),
          workerId,
          homeVillageCode: worker.homeVillageCode,
          ...(worker.householdNo ? { householdNo: worker.householdNo } : {}),
          month: input.month,
          amount,
          source: input.source,
          ...(input.employerName !== undefined ? { employerName: input.employerName } : {}),
          verified: input.verified,
          ...(input.note !== undefined ? { note: input.note } : {}),
          ...(current ? { replaces: current.id } : {}),
          recordedBy: p.sub,
        };
        if (current) await this.incomes.supersede(tx, [current.id]);
        const stored = await this.incomes.insert(tx, entry);
        await this.ctx.outbox.add(tx, incomeRecordedEvent(entry));
        return { income: view(stored), created: true };
      });
    } catch (err) {
      // Two entries for one month racing: the partial unique index decides, the loser may retry.
      if (err instanceof UniqueViolation && err.constraint === 'incomes_current')
        throw incomeMonthConflict(input.month, err);
      throw err;
    }
  }

  async listForWorker(p: Principal, workerId: string, q: WorkerLedgerQuery): Promise<Page<IncomeView>> {
    const worker = await this.workers.findById(this.ctx.pool, workerId);
    if (!worker || !canReadWorkerLedger(p, worker)) throw notFound('worker', workerId);
    const limit = q.limit ?? 50;
    const rows = await this.incomes.listForWorker(
      this.ctx.pool,
      workerId,
      q.history ?? false,
      decodeNumericCursor(q.cursor),
      limit + 1,
    );
    return pageOf(rows, limit, view, bySeq);
  }

  /** Households of the scope with their annual income per person against the poverty line (per person and year). */
  async households(p: Principal, q: HouseholdQuery) {
    const scope = readScope(p);
    const region = regionFilter(q);
    const prefixes = narrow(scope, region);
    const line = this.ctx.config.POVERTY_LINE_ANNUAL;
    const offset = decodeNumericCursor(q.cursor) ?? 0;
    const limit = q.limit ?? 50;
    const all = (await this.incomes.households(this.ctx.pool, prefixes, q.year)).map((h) => {
      const perPerson = toFen(h.annualIncome / h.householdSize);
      return {
        ...h,
        annualIncome: toFen(h.annualIncome),
        verifiedIncome: toFen(h.verifiedIncome),
        selfReportedIncome: toFen(h.annualIncome - h.verifiedIncome),
        perPerson,
        povertyLine: line,
        below: perPerson < line,
      };
    });
    const wanted = q.below === false ? all : all.filter((h) => h.below);
    const shown = wanted.slice(offset, offset + limit);
    // Each household shows what its total is made of: every current entry, verified or not, and
    // whether the total counts it (a month counts its verified entry when there is one).
    const entries = await this.incomes.currentOfYear(
      this.ctx.pool,
      shown.flatMap((h) => h.workerIds),
      q.year,
    );
    const counted = new Set<string>();
    const byWorker = new Map<string, HouseholdEntry[]>();
    for (const e of entries) {
      const monthKey = `${e.workerId}|${e.month}`;
      const counts = !counted.has(monthKey);
      counted.add(monthKey);
      const list = byWorker.get(e.workerId) ?? [];
      list.push({
        workerId: e.workerId,
        month: e.month,
        amount: e.amount,
        source: e.source,
        verified: e.verified,
        counted: counts,
      });
      byWorker.set(e.workerId, list);
    }
    const items = shown.map((h) => ({ ...h, entries: h.workerIds.flatMap((id) => byWorker.get(id) ?? []) }));
    return {
      year: q.year,
      povertyLine: line,
      basis: 'per_person' as const,
      items,
      ...(offset + limit < wanted.length ? { nextCursor: encodeCursor(offset + limit) } : {}),
    };
  }
}

interface HouseholdEntry {
  workerId: string;
  month: string;
  amount: number;
  source: IncomeView['source'];
  verified: boolean;
  counted: boolean;
}

/**
 * The region prefixes to read: the requested region when it lies inside the scope, the scope's
 * parts inside the requested region, or nothing (an empty prefix list matches no row).
 */
export function narrow(scope: string[] | undefined, region: string | undefined): string[] {
  if (!scope) return [region ?? ''];
  if (!region) return scope;
  if (scope.some((s) => region.startsWith(s))) return [region];
  return scope.filter((s) => s.startsWith(region));
}
