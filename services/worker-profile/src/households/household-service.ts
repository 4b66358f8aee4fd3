import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import { regionShortName } from '@tongxin/regions';
import { ServiceContext, invalidField, notFound, pageBySeq } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { WorkerProfileConfig } from '../config.ts';
import { householdWithoutMembers } from '../errors.ts';
import { IncomeRepository } from '../ledgers/incomes/income-repository.ts';
import { type Page, readScope, regionFilter, toFen } from '../ledgers/rules.ts';
import type { HouseholdRecord } from './household.ts';
import { type HouseholdMemberRow, HouseholdRepository } from './household-repository.ts';
import { HouseholdRoster } from './household-roster.ts';
import type {
  HouseholdIncomeInput,
  HouseholdIncomeView,
  HouseholdListQuery,
  HouseholdPatch,
  HouseholdSummary,
  HouseholdView,
} from './schemas.ts';

/**
 * Households (户) of the poverty roster: officers read and edit those of their villages,
 * administrators the county's. Members come from the registry; the household keeps the rest.
 */
@injectable()
export class HouseholdService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<WorkerProfileConfig>,
    @inject(HouseholdRepository) private readonly households: HouseholdRepository,
    @inject(HouseholdRoster) private readonly roster: HouseholdRoster,
    @inject(IncomeRepository) private readonly incomes: IncomeRepository,
  ) {}

  async list(p: Principal, q: HouseholdListQuery): Promise<Page<HouseholdSummary>> {
    const scope = readScope(p);
    const region = regionFilter(q);
    const page = await pageBySeq(
      q,
      (window) =>
        this.households.list(this.ctx.pool, {
          ...(scope ? { scope } : {}),
          ...(region ? { region } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.relocated !== undefined ? { relocated: q.relocated } : {}),
          ...(q.householdNo ? { householdNo: q.householdNo } : {}),
          ...window,
        }),
      (r) => r,
    );
    const members = await this.households.members(
      this.ctx.pool,
      page.items.map((h) => h.householdNo),
    );
    return { ...page, items: page.items.map((h) => summary(h, members.get(h.householdNo) ?? [])) };
  }

  async get(p: Principal, id: string, year?: number): Promise<HouseholdView> {
    const h = await this.readable(p, id);
    return this.view(h, year ?? Number(this.ctx.calendar.today().slice(0, 4)));
  }

  async update(p: Principal, id: string, patch: HouseholdPatch): Promise<HouseholdView> {
    const year = Number(this.ctx.calendar.today().slice(0, 4));
    if (patch.leftPovertyYear && patch.leftPovertyYear > year)
      throw invalidField('leftPovertyYear', `is in the future (after ${year})`);
    await this.readable(p, id);
    const updated = await this.ctx.transaction(async (tx) => {
      const current = (await this.households.findById(tx, id, true))!;
      const ids = await this.memberIds(tx, current);
      if (patch.leftPovertyYear && current.status !== 'registered_poor')
        throw invalidField('leftPovertyYear', 'only a registered-poor (建档立卡) household leaves poverty');
      const next: HouseholdRecord = { ...current };
      if (patch.otherMembers !== undefined) next.otherMembers = patch.otherMembers;
      if (patch.leftPovertyYear === null) delete next.leftPovertyYear;
      else if (patch.leftPovertyYear !== undefined) next.leftPovertyYear = patch.leftPovertyYear;
      const changed = (['otherMembers', 'leftPovertyYear'] as const).filter((k) => current[k] !== next[k]);
      if (changed.length === 0) return current;
      const saved = await this.households.update(tx, next);
      await this.ctx.outbox.add(tx, this.roster.event(saved, ids, [...changed]));
      return saved;
    });
    return this.view(updated, year);
  }

  async addIncome(p: Principal, id: string, input: HouseholdIncomeInput): Promise<HouseholdIncomeView> {
    const year = Number(this.ctx.calendar.today().slice(0, 4));
    if (input.year > year) throw invalidField('year', `is in the future (after ${year})`);
    const h = await this.readable(p, id);
    return this.ctx.transaction(async (tx) => {
      await this.memberIds(tx, h);
      const line = await this.households.addIncome(tx, randomUUID(), h.id, p.sub, input);
      await this.ctx.emit(tx, 'household.income-recorded', h.id, {
        income: {
          id: line.id,
          householdId: h.id,
          homeVillageCode: h.homeVillageCode,
          year: line.year,
          source: line.source,
          amount: line.amount,
          ...(line.note ? { note: line.note } : {}),
          recordedBy: line.recordedBy,
        },
      });
      return line;
    });
  }

  /** The household when the caller may read it; outside an officer's villages it does not exist. */
  private async readable(p: Principal, id: string): Promise<HouseholdRecord> {
    readScope(p);
    const h = await this.households.findById(this.ctx.pool, id);
    if (!h || !inRegionScope(p, h.homeVillageCode)) throw notFound('household', id);
    return h;
  }

  /** Writes need a household someone still belongs to. */
  private async memberIds(db: Queryable, h: HouseholdRecord) {
    const ids = ((await this.households.members(db, [h.householdNo])).get(h.householdNo) ?? []).map((m) => m.id);
    if (ids.length === 0) throw householdWithoutMembers(h.householdNo);
    return ids;
  }

  /** Income per person: the members' incomes of the year plus the household's other lines, over all its people. */
  private async view(h: HouseholdRecord, year: number): Promise<HouseholdView> {
    const members = (await this.households.members(this.ctx.pool, [h.householdNo])).get(h.householdNo) ?? [];
    const [fromLedger] = await this.incomes.households(this.ctx.pool, [h.homeVillageCode], year, h.householdNo);
    const lines = await this.households.incomes(this.ctx.pool, h.id, year);
    const base = summary(h, members);
    const memberIncome = fromLedger?.annualIncome ?? 0;
    const other = lines.reduce((sum, l) => sum + l.amount, 0);
    const total = memberIncome + other;
    const perPerson = toFen(total / Math.max(1, base.size));
    const line = this.ctx.config.POVERTY_LINE_ANNUAL;
    return {
      ...base,
      income: {
        year,
        members: toFen(memberIncome),
        other: toFen(other),
        total: toFen(total),
        perPerson,
        povertyLine: line,
        below: perPerson < line,
        lines,
      },
    };
  }
}

function summary(h: HouseholdRecord, members: HouseholdMemberRow[]): HouseholdSummary {
  const { seq: _s, createdAt: _c, ...rest } = h;
  const name = regionShortName(h.homeVillageCode);
  return {
    ...rest,
    ...(name ? { homeVillageName: name } : {}),
    townshipCode: h.homeVillageCode.slice(0, 9),
    members: members.map(({ homeVillageCode: _v, householdNo: _n, ...m }) => m),
    size: members.length + h.otherMembers,
  };
}
