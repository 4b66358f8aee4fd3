import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import { type Pool, type PoolClient, UniqueViolation, withTransaction } from '@tongxin/db';
import { type TongxinEvent, type Outbox, createEvent } from '@tongxin/events';
import { regionLevel, regionShortName } from '@tongxin/regions';
import { bySeq, decodeNumericCursor, invalidField, notFound, pageOf } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { WorkerProfileConfig } from '../../config.ts';
import type {
  PartyApplicationInput,
  PartyApplicationView,
  PartyContactInput,
  PartyFigures,
  PartyFiguresQuery,
  PartyGroupInput,
  PartyGroupView,
  PartyListQuery,
  PartyMemberInput,
  PartyMemberView,
} from '../schemas.ts';
import { type Page, assertWriteScope, readScope, regionFilter } from '../rules.ts';
import { alreadyAMember, partyGroupExists } from '../../errors.ts';
import {
  type PartyApplicationRecord,
  type PartyContactRecord,
  type PartyGroupRecord,
  type PartyMemberRecord,
  PartyRepository,
} from './party-repository.ts';
import { WorkerRepository } from '../../registry/worker-repository.ts';
import { type Clock, TOKENS } from '../../tokens.ts';
import type { CountyCalendar } from '@tongxin/service-platform';
import { narrow } from '../incomes/income-ledger.ts';
import { SOURCE } from '../../registry/worker-changes.ts';

export const NO_PARTY_FIGURES: PartyFigures = {
  groups: 0,
  members: 0,
  mobileMembers: 0,
  workersInTouch: 0,
  applications: 0,
  activists: 0,
};

/** The party-building ledger (党建台账): groups, (mobile) members, the workers they keep in touch with, applications. */
@injectable()
export class PartyLedger {
  constructor(
    @inject(TOKENS.Pool) private readonly pool: Pool,
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Calendar) private readonly calendar: CountyCalendar,
    @inject(TOKENS.Config) private readonly config: WorkerProfileConfig,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(PartyRepository) private readonly party: PartyRepository,
  ) {}

  async createGroup(p: Principal, input: PartyGroupInput): Promise<PartyGroupView> {
    assertWriteScope(p, input.villageCode, 'creating a party group');
    if (regionLevel(input.villageCode) !== 'village' || !regionShortName(input.villageCode))
      throw invalidField('villageCode', 'is not a known village code');
    if (input.foundedAt) this.checkDate('foundedAt', input.foundedAt);
    try {
      return await withTransaction(this.pool, async (tx) => {
        if (input.leaderWorkerId) {
          const leader = await this.workers.findById(tx, input.leaderWorkerId);
          if (!leader || !leader.homeVillageCode.startsWith(input.villageCode.slice(0, 9)))
            throw invalidField('leaderWorkerId', 'no such worker in this township');
        }
        const g = await this.party.insertGroup(tx, { id: randomUUID(), ...input }, p.sub);
        await this.outbox.add(tx, partyGroupCreatedEvent(g));
        return this.groupView(g, [], []);
      });
    } catch (err) {
      if (err instanceof UniqueViolation && err.constraint === 'party_groups_village_code_name_key')
        throw partyGroupExists(input.name, err);
      throw err;
    }
  }

  async addMember(p: Principal, groupId: string, input: PartyMemberInput): Promise<PartyMemberView> {
    if (input.joinedPartyAt) this.checkDate('joinedPartyAt', input.joinedPartyAt);
    return withTransaction(this.pool, async (tx) => {
      const g = await this.groupInScope(tx, p, groupId);
      const worker = await this.workers.findById(tx, input.workerId);
      if (!worker || !inRegionScope(p, worker.homeVillageCode)) {
        throw invalidField('workerId', 'no such worker in your villages');
      }
      const existing = await this.party.findMemberByWorker(tx, input.workerId);
      if (existing) throw alreadyAMember(existing.groupId, existing.id);
      const m = await this.party.insertMember(tx, { id: randomUUID(), groupId: g.id, ...input }, p.sub);
      await this.outbox.add(tx, partyMemberAddedEvent(g, m));
      return { ...m, workerName: worker.name, contacts: [] };
    });
  }

  async linkContact(
    p: Principal,
    groupId: string,
    memberId: string,
    input: PartyContactInput,
  ): Promise<PartyMemberView> {
    if (input.since) this.checkDate('since', input.since);
    return withTransaction(this.pool, async (tx) => {
      const g = await this.groupInScope(tx, p, groupId);
      const m = await this.party.findMember(tx, memberId);
      if (!m || m.groupId !== g.id) throw notFound('party member', memberId);
      if (m.workerId === input.workerId)
        throw invalidField('workerId', 'a member does not keep in touch with themselves');
      const worker = await this.workers.findById(tx, input.workerId);
      if (!worker || !inRegionScope(p, worker.homeVillageCode)) {
        throw invalidField('workerId', 'no such worker in your villages');
      }
      const added = await this.party.insertContact(tx, m.id, worker.id, input.since, p.sub);
      if (added) {
        await this.outbox.add(tx, partyContactLinkedEvent(g, m, worker, input.since));
      }
      const contacts = await this.party.contactsOf(tx, [m.id]);
      return { ...m, contacts: contacts.map(({ memberId: _m, ...c }) => c) };
    });
  }

  async listGroups(p: Principal, q: PartyListQuery): Promise<Page<PartyGroupView>> {
    const prefixes = narrow(readScope(p), regionFilter(q));
    const limit = q.limit ?? 50;
    const groups = await this.party.listGroups(this.pool, prefixes, decodeNumericCursor(q.cursor), limit + 1);
    const page = pageOf(groups, limit, (g) => g, bySeq);
    const members = await this.party.membersOf(
      this.pool,
      page.items.map((g) => g.id),
    );
    const contacts = await this.party.contactsOf(
      this.pool,
      members.map((m) => m.id),
    );
    return {
      ...page,
      items: page.items.map((g) =>
        this.groupView(
          g,
          members.filter((m) => m.groupId === g.id),
          contacts,
        ),
      ),
    };
  }

  async getGroup(p: Principal, id: string): Promise<PartyGroupView> {
    const g = await this.groupInScope(this.pool, p, id);
    const members = await this.party.membersOf(this.pool, [g.id]);
    return this.groupView(
      g,
      members,
      await this.party.contactsOf(
        this.pool,
        members.map((m) => m.id),
      ),
    );
  }

  /** Records an application, or updates it (e.g. the date the applicant became an activist). */
  async recordApplication(
    p: Principal,
    input: PartyApplicationInput,
  ): Promise<{ application: PartyApplicationView; created: boolean }> {
    this.checkDate('appliedAt', input.appliedAt);
    if (input.activistAt) {
      this.checkDate('activistAt', input.activistAt);
      if (input.activistAt < input.appliedAt) throw invalidField('activistAt', 'is before the application');
    }
    return withTransaction(this.pool, async (tx) => {
      const worker = await this.workers.findById(tx, input.workerId);
      if (!worker || !inRegionScope(p, worker.homeVillageCode)) throw notFound('worker', input.workerId);
      assertWriteScope(p, worker.homeVillageCode, 'recording a party application');
      const before = await this.party.findApplication(tx, worker.id);
      if (
        before &&
        before.appliedAt === input.appliedAt &&
        before.activistAt === input.activistAt &&
        before.note === input.note
      ) {
        return { application: { ...strip(before), workerName: worker.name }, created: false };
      }
      const a = await this.party.upsertApplication(
        tx,
        { id: before?.id ?? randomUUID(), villageCode: worker.homeVillageCode, ...input },
        p.sub,
      );
      await this.outbox.add(tx, partyApplicationRecordedEvent(a));
      return { application: { ...strip(a), workerName: worker.name }, created: !before };
    });
  }

  async listApplications(p: Principal, q: PartyListQuery): Promise<Page<PartyApplicationView>> {
    const prefixes = narrow(readScope(p), regionFilter(q));
    const limit = q.limit ?? 50;
    return pageOf(
      await this.party.listApplications(this.pool, prefixes, decodeNumericCursor(q.cursor), limit + 1),
      limit,
      strip,
      bySeq,
    );
  }

  /** §6 figures for a village, a township or the county, with the units one level down. */
  async figures(p: Principal, q: PartyFiguresQuery) {
    const scope = readScope(p);
    let region = regionFilter(q);
    if (!region) {
      if (!scope) region = this.config.HOME_COUNTY;
      else if (scope.length === 1) region = scope[0]!;
      else throw invalidField('township', 'name the township or village (you serve several)');
    }
    if (scope && !scope.some((s) => region.startsWith(s))) throw notFound('region', region);
    const level = regionLevel(region) as 'county' | 'township' | 'village';
    const unit = level === 'county' ? 9 : 12;
    const [totals] = await this.party.figures(this.pool, region, region.length);
    const breakdown = level === 'village' ? [] : await this.party.figures(this.pool, region, unit);
    const name = regionShortName(region);
    return {
      regionCode: region,
      ...(name ? { regionName: name } : {}),
      level,
      totals: totals ? withoutUnit(totals) : NO_PARTY_FIGURES,
      breakdown: breakdown.map((b) => {
        const n = regionShortName(b.unit);
        return { regionCode: b.unit, ...(n ? { regionName: n } : {}), ...withoutUnit(b) };
      }),
    };
  }

  private async groupInScope(db: Pool | PoolClient, p: Principal, id: string): Promise<PartyGroupRecord> {
    const g = await this.party.findGroup(db, id);
    if (!g || !inRegionScope(p, g.villageCode)) throw notFound('party group', id);
    return g;
  }

  private groupView(g: PartyGroupRecord, members: PartyMemberRecord[], contacts: PartyContactRecord[]): PartyGroupView {
    const { seq: _s, ...rest } = g;
    const villageName = regionShortName(g.villageCode);
    return {
      ...rest,
      ...(villageName ? { villageName } : {}),
      members: members.map((m) => ({
        ...m,
        contacts: contacts.filter((c) => c.memberId === m.id).map(({ memberId: _m, ...c }) => c),
      })),
    };
  }

  private checkDate(field: string, date: string): void {
    if (date > this.calendar.today()) throw invalidField(field, 'is in the future');
    if (date < '1921-07-01') throw invalidField(field, 'is before the party was founded');
  }
}

/** `ledger.party-group-created`, the same whether an officer sets the group up or a sheet is imported. */
export function partyGroupCreatedEvent(g: PartyGroupRecord): TongxinEvent {
  return createEvent({
    type: 'ledger.party-group-created',
    source: SOURCE,
    subject: g.id,
    data: { group: groupEventData(g) },
  });
}

/** `ledger.party-application-recorded` of an application as stored (recorded by hand or imported). */
export function partyApplicationRecordedEvent(a: PartyApplicationRecord): TongxinEvent {
  return createEvent({
    type: 'ledger.party-application-recorded',
    source: SOURCE,
    subject: a.workerId,
    data: {
      application: {
        id: a.id,
        workerId: a.workerId,
        regionCode: a.villageCode,
        appliedAt: a.appliedAt,
        ...(a.activistAt ? { activistAt: a.activistAt } : {}),
      },
    },
  });
}

const groupEventData = (g: PartyGroupRecord) => ({
  id: g.id,
  name: g.name,
  regionCode: g.villageCode,
  leaderName: g.leaderName,
  ...(g.leaderWorkerId ? { leaderWorkerId: g.leaderWorkerId } : {}),
  ...(g.foundedAt ? { foundedAt: g.foundedAt } : {}),
});

const strip = ({ seq: _s, ...a }: PartyApplicationView & { seq?: number }): PartyApplicationView => a;
const withoutUnit = ({ unit: _u, ...f }: PartyFigures & { unit: string }): PartyFigures => f;

/** `ledger.party-contact-linked`: a member keeps in touch with a worker (linked by hand or by import). */
export function partyContactLinkedEvent(
  group: { id: string },
  m: { id: string; workerId: string },
  worker: { id: string; homeVillageCode: string },
  since?: string,
): TongxinEvent {
  return createEvent({
    type: 'ledger.party-contact-linked',
    source: SOURCE,
    subject: m.id,
    data: {
      contact: {
        memberId: m.id,
        groupId: group.id,
        memberWorkerId: m.workerId,
        workerId: worker.id,
        regionCode: worker.homeVillageCode,
        ...(since ? { since } : {}),
      },
    },
  });
}

/** `ledger.party-member-added`, the same whether an officer adds the member or a sheet is imported. */
export function partyMemberAddedEvent(
  group: { id: string; villageCode: string },
  m: { id: string; workerId: string; mobile: boolean; joinedPartyAt?: string },
): TongxinEvent {
  return createEvent({
    type: 'ledger.party-member-added',
    source: SOURCE,
    subject: group.id,
    data: {
      member: {
        id: m.id,
        groupId: group.id,
        workerId: m.workerId,
        regionCode: group.villageCode,
        mobile: m.mobile,
        ...(m.joinedPartyAt ? { joinedPartyAt: m.joinedPartyAt } : {}),
      },
    },
  });
}
