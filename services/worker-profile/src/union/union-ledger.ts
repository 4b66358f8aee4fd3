import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { type Pool, type PoolClient, UniqueViolation } from '@tongxin/db';
import { regionLevel, regionShortName } from '@tongxin/regions';
import {
  ServiceContext,
  bySeq,
  decodeNumericCursor,
  forbidden,
  invalidField,
  notFound,
  pageOf,
} from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { federationExists, villageOutsideTownship, workGroupExists } from '../errors.ts';
import { narrow } from '../ledgers/incomes/income-ledger.ts';
import { NO_PARTY_FIGURES, PartyLedger } from '../ledgers/party/party-ledger.ts';
import { PartyRepository } from '../ledgers/party/party-repository.ts';
import { type Page, assertWriteScope, readScope, regionFilter } from '../ledgers/rules.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { QiyouService } from '../villages/qiyou-service.ts';
import { membershipView, workGroupEvent } from './memberships.ts';
import type {
  FederationInput,
  FederationView,
  MembersQuery,
  MembershipView,
  UnionFigures,
  UnionFiguresView,
  UnionListQuery,
  WorkGroupInput,
  WorkGroupPatch,
  WorkGroupView,
} from './schemas.ts';
import { UnionRepository, type WorkGroupRecord } from './union-repository.ts';

const NO_UNION: UnionFigures = { workGroups: 0, members: 0 };
const named = (code: string) => {
  const n = regionShortName(code);
  return n ? { regionName: n } : {};
};

/**
 * The union organisation (工会): township federations, their village work groups (党建带工建: each
 * may be led by a party group), their members and the figures beside the party's. Joining and
 * leaving are MembershipLedger's.
 */
@injectable()
export class UnionLedger {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(UnionRepository) private readonly union: UnionRepository,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(PartyLedger) private readonly party: PartyLedger,
    @inject(PartyRepository) private readonly partyGroups: PartyRepository,
    @inject(QiyouService) private readonly qiyou: QiyouService,
  ) {}

  async createFederation(p: Principal, input: FederationInput): Promise<FederationView> {
    if (regionLevel(input.townshipCode) !== 'township' || !regionShortName(input.townshipCode))
      throw invalidField('townshipCode', 'is not a known township code');
    assertWriteScope(p, input.townshipCode, 'setting up a union federation');
    const id = randomUUID();
    try {
      return await this.ctx.transaction(async (tx) => {
        const f = await this.union.insertFederation(tx, { id, ...input }, p.sub);
        await this.ctx.emit(tx, 'union.federation-created', f.id, {
          federation: { id, townshipCode: f.townshipCode, name: f.name, leaderName: f.leaderName },
        });
        const { seq: _s, ...rest } = f;
        return { ...rest, ...townshipName(f.townshipCode), workGroups: 0, members: 0 };
      });
    } catch (err) {
      if (err instanceof UniqueViolation && err.constraint === 'union_federations_township_code_key') {
        const existing = (await this.union.listFederations(this.ctx.pool, [input.townshipCode]))[0];
        throw federationExists(existing?.id ?? '', err);
      }
      throw err;
    }
  }

  async listFederations(p: Principal, q: UnionListQuery): Promise<Page<FederationView>> {
    const prefixes = narrow(readScope(p), regionFilter(q));
    if (prefixes.length === 0) return { items: [] };
    const feds = await this.union.listFederations(this.ctx.pool, prefixes);
    const items: FederationView[] = [];
    for (const { seq: _s, ...f } of feds) {
      const [totals] = await this.union.figures(this.ctx.pool, f.townshipCode, 9);
      items.push({ ...f, ...townshipName(f.townshipCode), ...(totals ? strip(totals) : NO_UNION) });
    }
    return { items };
  }

  async createWorkGroup(p: Principal, input: WorkGroupInput): Promise<WorkGroupView> {
    return this.ctx.transaction(async (tx) => {
      const f = await this.union.findFederation(tx, input.federationId);
      if (!f) throw invalidField('federationId', 'no such federation');
      if (!inScopeOfTownship(p, f.townshipCode)) throw forbidden('the federation is outside your townships');
      const g: WorkGroupRecord = {
        id: randomUUID(),
        seq: 0,
        federationId: f.id,
        townshipCode: f.townshipCode,
        name: input.name,
        leaderName: input.leaderName,
        ...(input.leaderWorkerId ? { leaderWorkerId: input.leaderWorkerId } : {}),
        villageCodes: input.villageCodes,
        ...(input.partyGroupId ? { partyGroupId: input.partyGroupId } : {}),
        createdAt: '',
        updatedAt: '',
      };
      await this.check(tx, p, g);
      try {
        await this.union.insertWorkGroup(tx, g, p.sub);
      } catch (err) {
        if (err instanceof UniqueViolation && err.constraint === 'union_work_groups_federation_id_name_key')
          throw workGroupExists(input.name, err);
        throw err;
      }
      const stored = (await this.union.findWorkGroup(tx, g.id))!;
      await this.ctx.outbox.add(tx, workGroupEvent(stored));
      await this.qiyou.refresh(tx, stored.villageCodes);
      return this.view(tx, stored);
    });
  }

  async updateWorkGroup(p: Principal, id: string, patch: WorkGroupPatch): Promise<WorkGroupView> {
    return this.ctx.transaction(async (tx) => {
      const before = await this.groupInScope(tx, p, id, true);
      const after: WorkGroupRecord = { ...before, ...patch };
      const changed = (Object.keys(patch) as (keyof WorkGroupPatch)[]).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (changed.length === 0) return this.view(tx, before);
      // A village the group stops covering keeps no member of the group.
      const dropped = before.villageCodes.filter((v) => !after.villageCodes.includes(v));
      if (dropped.length) {
        const still = (await this.union.ofGroup(tx, id, true, undefined, 100_000)).find((m) =>
          dropped.includes(m.villageCode),
        );
        if (still) throw invalidField('villageCodes', `members of the group live in ${still.villageCode}`);
      }
      await this.check(tx, p, after);
      try {
        await this.union.updateWorkGroup(tx, after);
      } catch (err) {
        if (err instanceof UniqueViolation && err.constraint === 'union_work_groups_federation_id_name_key')
          throw workGroupExists(after.name, err);
        throw err;
      }
      const stored = (await this.union.findWorkGroup(tx, id))!;
      await this.ctx.outbox.add(tx, workGroupEvent(stored, changed));
      await this.qiyou.refresh(tx, [...new Set([...before.villageCodes, ...after.villageCodes])]);
      return this.view(tx, stored);
    });
  }

  async listWorkGroups(p: Principal, q: UnionListQuery): Promise<Page<WorkGroupView>> {
    const prefixes = narrow(readScope(p), regionFilter(q));
    const limit = q.limit ?? 50;
    const rows = await this.union.listWorkGroups(this.ctx.pool, prefixes, decodeNumericCursor(q.cursor), limit + 1);
    const page = pageOf(rows, limit, (g) => g, bySeq);
    const items: WorkGroupView[] = [];
    for (const g of page.items) items.push(await this.view(this.ctx.pool, g));
    return { ...page, items };
  }

  async getWorkGroup(p: Principal, id: string): Promise<WorkGroupView> {
    return this.view(this.ctx.pool, await this.groupInScope(this.ctx.pool, p, id));
  }

  async members(p: Principal, id: string, q: MembersQuery): Promise<Page<MembershipView>> {
    const g = await this.groupInScope(this.ctx.pool, p, id);
    const limit = q.limit ?? 50;
    const rows = await this.union.ofGroup(
      this.ctx.pool,
      g.id,
      q.open ?? true,
      decodeNumericCursor(q.cursor),
      limit + 1,
    );
    // An officer sees the members of their own villages only, as in every ledger.
    const scope = readScope(p);
    return pageOf(
      rows.filter((m) => !scope || scope.some((s) => m.villageCode.startsWith(s))),
      limit,
      membershipView,
      bySeq,
    );
  }

  /** Union figures per work group, village, township and county, with the party figures side by side. */
  async figures(p: Principal, q: UnionListQuery): Promise<UnionFiguresView> {
    // The party figures resolve the region and check the scope; the union figures follow them.
    const party = await this.party.figures(p, q);
    const region = party.regionCode;
    const unit = party.level === 'county' ? 9 : 12;
    const [totals] = await this.union.figures(this.ctx.pool, region, region.length);
    const units = party.level === 'village' ? [] : await this.union.figures(this.ctx.pool, region, unit);
    const codes = [...new Set([...units.map((u) => u.unit), ...party.breakdown.map((b) => b.regionCode)])].sort();
    const groups = await this.union.listWorkGroups(this.ctx.pool, [region], undefined, 100_000);
    const counts = await this.union.memberCounts(
      this.ctx.pool,
      groups.map((g) => g.id),
    );
    return {
      regionCode: region,
      ...named(region),
      level: party.level,
      federations: await this.union.countFederations(this.ctx.pool, region),
      totals: { regionCode: region, ...named(region), union: totals ? strip(totals) : NO_UNION, party: party.totals },
      breakdown: codes.map((code) => {
        const u = units.find((x) => x.unit === code);
        const {
          regionCode: _r,
          regionName: _n,
          ...pf
        } = party.breakdown.find((b) => b.regionCode === code) ?? {
          regionCode: code,
          ...NO_PARTY_FIGURES,
        };
        return { regionCode: code, ...named(code), union: u ? strip(u) : NO_UNION, party: pf };
      }),
      workGroups: groups.map((g) => ({ id: g.id, name: g.name, members: counts.get(g.id) ?? 0 })),
    };
  }

  /** The bad input of a work group: villages outside the township, a leader or party group from elsewhere. */
  private async check(tx: PoolClient, p: Principal, g: WorkGroupRecord): Promise<void> {
    for (const v of g.villageCodes) {
      if (!v.startsWith(g.townshipCode) || regionLevel(v) !== 'village' || !regionShortName(v))
        throw villageOutsideTownship(v, g.townshipCode);
      assertWriteScope(p, v, 'a work group covering this village');
    }
    if (g.leaderWorkerId) {
      const leader = await this.workers.findById(tx, g.leaderWorkerId);
      if (!leader || !leader.homeVillageCode.startsWith(g.townshipCode))
        throw invalidField('leaderWorkerId', 'no such worker in this township');
    }
    if (g.partyGroupId) {
      const pg = await this.partyGroups.findGroup(tx, g.partyGroupId);
      if (!pg || !g.villageCodes.includes(pg.villageCode))
        throw invalidField('partyGroupId', 'no party group of a village this work group covers');
    }
  }

  private async groupInScope(db: Pool | PoolClient, p: Principal, id: string, forUpdate = false) {
    const scope = readScope(p);
    const g = await this.union.findWorkGroup(db, id, forUpdate);
    if (!g || (scope && !g.villageCodes.some((v) => scope.some((s) => v.startsWith(s)))))
      throw notFound('work group', id);
    return g;
  }

  private async view(db: Pool | PoolClient, g: WorkGroupRecord): Promise<WorkGroupView> {
    const { seq: _s, ...rest } = g;
    const leader = g.leaderWorkerId ? await this.workers.findById(db, g.leaderWorkerId) : undefined;
    const pg = g.partyGroupId ? await this.partyGroups.findGroup(db, g.partyGroupId) : undefined;
    return {
      ...rest,
      ...(leader?.phoneMasked ? { leaderPhone: leader.phoneMasked } : {}),
      villages: g.villageCodes.map((code) => {
        const name = regionShortName(code);
        return { code, ...(name ? { name } : {}) };
      }),
      ...(pg ? { partyGroupName: pg.name } : {}),
      members: (await this.union.memberCounts(db, [g.id])).get(g.id) ?? 0,
    };
  }
}

const strip = ({ unit: _u, ...f }: UnionFigures & { unit: string }): UnionFigures => f;
const townshipName = (code: string) => {
  const n = regionShortName(code);
  return n ? { townshipName: n } : {};
};
/** An officer of any village of the township may use its federation. */
const inScopeOfTownship = (p: Principal, township: string): boolean => {
  if (p.role === 'admin') return true;
  if (p.role !== 'officer') throw forbidden('the union organisation is kept by officers');
  return (p.regions ?? []).some((s) => s.startsWith(township) || township.startsWith(s));
};
