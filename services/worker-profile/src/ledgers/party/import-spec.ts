import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Pool, PoolClient } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { PARTY_COLUMNS } from '../../imports/columns.ts';
import type { Classified, LedgerImportSpec, Parsed } from '../../imports/import-pipeline.ts';
import { type ImportContext, type Problems, canWrite } from '../../imports/import-types.ts';
import { PARTY_ROLE, parseDate, splitList } from '../../imports/labels.ts';
import type { CellError } from '../../imports/registry-rows.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import { schemaCheck } from '../../imports/schema-check.ts';
import type { WorkerRecord } from '../../registry/worker.ts';
import { PartyApplicationInput, PartyGroupInput, PartyMemberInput } from '../schemas.ts';
import {
  partyApplicationRecordedEvent,
  partyContactLinkedEvent,
  partyGroupCreatedEvent,
  partyMemberAddedEvent,
} from './party-ledger.ts';
import {
  type PartyApplicationRecord,
  type PartyGroupRecord,
  type PartyMemberRecord,
  PartyRepository,
} from './party-repository.ts';

/** A party row: a member (党员, 流动党员) with their group and contacts, or an applicant or activist. */
type PartyRow =
  | {
      kind: 'member';
      worker: WorkerRecord;
      mobile: boolean;
      joinedPartyAt?: string;
      group: { villageCode: string; name: string; leaderName?: string };
      contacts: WorkerRecord[];
    }
  | { kind: 'application'; worker: WorkerRecord; appliedAt: string; activistAt?: string };

interface Stored {
  groups: Map<string, PartyGroupRecord>;
  members: Map<string, PartyMemberRecord>;
  /** The workers each stored member already keeps in touch with. */
  contacts: Map<string, Set<string>>;
  applications: Map<string, PartyApplicationRecord>;
}

interface PartyPlan {
  newGroups: PartyGroupRecord[];
  groupOf(row: Extract<PartyRow, { kind: 'member' }>): PartyGroupRecord;
  members: Map<string, PartyMemberRecord>;
  applications: Map<string, PartyApplicationRecord>;
  rows: PartyRow[];
}

const groupKey = (g: { villageCode: string; name: string }) => `${g.villageCode}|${g.name}`;

/** Schema fields to sheet columns: a party row fills a member (and maybe a group) or an application. */
const PARTY_FIELD_COLUMNS: Record<string, string> = {
  workerId: 'idNumber',
  mobile: 'role',
  name: 'group',
  villageCode: 'groupVillageCode',
};
const columnOf = (field: string) => {
  const first = field.split('/')[0] ?? field;
  return PARTY_FIELD_COLUMNS[first] ?? first;
};
const checkMember = schemaCheck(PartyMemberInput, columnOf);
const checkGroup = schemaCheck(
  Type.Partial(Type.Pick(PartyGroupInput, ['name', 'villageCode', 'leaderName'])),
  columnOf,
);
const checkApplication = schemaCheck(PartyApplicationInput, columnOf);

/**
 * The party-building ledger's import: members with their group (set up when new) and the workers
 * they keep in touch with; applicants and activists with their dates. Rows are few, so written one by one.
 */
@injectable()
export class PartyImportSpec implements LedgerImportSpec<PartyRow, Stored, PartyPlan> {
  readonly columns = PARTY_COLUMNS;

  constructor(@inject(PartyRepository) private readonly party: PartyRepository) {}

  idNumbers(cell: (key: string) => string): string[] {
    return [cell('idNumber'), ...splitList(cell('contacts'))];
  }

  parse(r: RowReader): PartyRow | undefined {
    const role = r.required(PARTY_ROLE, 'role');
    const w = r.worker(r.cell('idNumber'), r.cell('name'));
    if (!role || !w) return undefined;
    const kind = role === 'member' || role === 'mobile_member' ? 'member' : 'application';
    const first = r.repeats(`${kind}|${w.id}`);
    if (first !== undefined) r.problem('idNumber', `this person is already listed in row ${first}`);
    const date = (key: string) => {
      const text = r.cell(key);
      if (!text) return undefined;
      const d = parseDate(text);
      if (!d || d > r.ctx.today) r.problem(key, `"${text}" is not a past date`);
      return d;
    };
    if (kind === 'member') {
      const name = r.cell('group');
      if (!name) r.problem('group', 'is required for a party member');
      const villageCode = r.cell('groupVillageCode') || w.homeVillageCode;
      if (!/^\d{12}$/.test(villageCode)) r.problem('groupVillageCode', 'must be a 12-digit village code');
      else if (!canWrite(r.ctx.principal, villageCode)) r.problem('groupVillageCode', 'is outside your villages');
      const joinedPartyAt = date('joinedPartyAt');
      const contacts: WorkerRecord[] = [];
      for (const id of splitList(r.cell('contacts'))) {
        const c = r.worker(id, '', 'contacts');
        if (c && c.id === w.id) r.problem('contacts', 'a member does not keep in touch with themselves');
        else if (c) contacts.push(c);
      }
      const leaderName = r.cell('leaderName');
      return {
        kind,
        worker: w,
        mobile: role === 'mobile_member',
        ...(joinedPartyAt ? { joinedPartyAt } : {}),
        group: { villageCode, name, ...(leaderName ? { leaderName } : {}) },
        contacts,
      };
    }
    const appliedAt = date('appliedAt');
    if (!r.cell('appliedAt')) r.problem('appliedAt', 'is required for an application');
    const activistAt = date('activistAt');
    if (role === 'activist' && !r.cell('activistAt')) r.problem('activistAt', 'is required for an activist');
    if (appliedAt && activistAt && activistAt < appliedAt) r.problem('activistAt', 'is before the application');
    if (!appliedAt) return undefined;
    return { kind, worker: w, appliedAt, ...(activistAt ? { activistAt } : {}) };
  }

  schemaErrors(p: PartyRow): CellError[] {
    if (p.kind === 'application') {
      const { appliedAt, activistAt } = p;
      return checkApplication({ workerId: p.worker.id, appliedAt, activistAt });
    }
    const { mobile, joinedPartyAt, group } = p;
    return [...checkMember({ workerId: p.worker.id, mobile, joinedPartyAt }), ...checkGroup(group)];
  }

  async existing(db: Pool, rows: PartyRow[]): Promise<Stored> {
    const memberRows = rows.filter((p) => p.kind === 'member');
    // Groups named in the sheet: existing ones, or new ones that need a leader.
    const named = [...new Map(memberRows.map((p) => [groupKey(p.group), p.group])).values()];
    const groups = await this.party.findGroupsByName(db, named);
    const members = await this.party.findMembersByWorkers(
      db,
      memberRows.map((p) => p.worker.id),
    );
    const contacts = new Map<string, Set<string>>();
    for (const c of await this.party.contactsOf(
      db,
      members.map((m) => m.id),
    ))
      contacts.set(c.memberId, (contacts.get(c.memberId) ?? new Set()).add(c.workerId));
    const applications = await this.party.findApplications(
      db,
      rows.filter((p) => p.kind === 'application').map((p) => p.worker.id),
    );
    return {
      groups: new Map(groups.map((g) => [groupKey(g), g])),
      members: new Map(members.map((m) => [m.workerId, m])),
      contacts,
      applications: new Map(applications.map((a) => [a.workerId, a])),
    };
  }

  classify(rows: Parsed<PartyRow>[], stored: Stored, ctx: ImportContext, problems: Problems): Classified<PartyPlan> {
    const newGroups = new Map<string, PartyGroupRecord>();
    for (const { row, value: p } of rows) {
      if (p.kind !== 'member') continue;
      const key = groupKey(p.group);
      const g = stored.groups.get(key) ?? newGroups.get(key);
      if (!g) {
        if (!p.group.leaderName) problems.add(row, 'leaderName', 'is required to set up a new party group');
        else
          newGroups.set(key, {
            id: randomUUID(),
            seq: 0,
            name: p.group.name,
            villageCode: p.group.villageCode,
            leaderName: p.group.leaderName,
            createdAt: ctx.now,
          });
      }
      const m = stored.members.get(p.worker.id);
      if (m && m.groupId !== (g ?? newGroups.get(key))?.id)
        problems.add(row, 'group', `this person is a member of another party group (${m.groupId})`);
    }
    const valid = rows.filter((p) => !problems.has(p.row)).map((p) => p.value);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const p of valid) {
      if (p.kind === 'member') {
        const m = stored.members.get(p.worker.id);
        const linked = (m && stored.contacts.get(m.id)) ?? new Set<string>();
        if (!m) created++;
        else if (
          m.mobile !== p.mobile ||
          (p.joinedPartyAt && p.joinedPartyAt !== m.joinedPartyAt) ||
          p.contacts.some((c) => !linked.has(c.id))
        )
          updated++;
        else unchanged++;
      } else {
        const before = stored.applications.get(p.worker.id);
        if (!before) created++;
        else if (sameApplication(before, p)) unchanged++;
        else updated++;
      }
    }
    return {
      plan: {
        newGroups: [...newGroups.values()],
        groupOf: (p) => stored.groups.get(groupKey(p.group)) ?? newGroups.get(groupKey(p.group))!,
        members: stored.members,
        applications: stored.applications,
        rows: valid,
      },
      created,
      updated,
      unchanged,
    };
  }

  async write(tx: PoolClient, plan: PartyPlan, ctx: ImportContext): Promise<TongxinEvent[]> {
    const by = ctx.principal.sub;
    const events: TongxinEvent[] = [];
    for (const g of plan.newGroups) {
      await this.party.insertGroup(tx, g, by);
      events.push(partyGroupCreatedEvent(g));
    }
    for (const p of plan.rows) {
      if (p.kind === 'member') {
        const g = plan.groupOf(p);
        let m = plan.members.get(p.worker.id);
        if (!m) {
          m = await this.party.insertMember(
            tx,
            {
              id: randomUUID(),
              groupId: g.id,
              workerId: p.worker.id,
              mobile: p.mobile,
              ...(p.joinedPartyAt ? { joinedPartyAt: p.joinedPartyAt } : {}),
            },
            by,
          );
          events.push(partyMemberAddedEvent(g, m));
        } else if (m.mobile !== p.mobile || (p.joinedPartyAt && p.joinedPartyAt !== m.joinedPartyAt)) {
          await this.party.updateMember(tx, m.id, p.mobile, p.joinedPartyAt);
        }
        for (const c of p.contacts) {
          if (await this.party.insertContact(tx, m.id, c.id, undefined, by))
            events.push(partyContactLinkedEvent(g, m, c));
        }
        continue;
      }
      const before = plan.applications.get(p.worker.id);
      if (before && sameApplication(before, p)) continue;
      const a = await this.party.upsertApplication(
        tx,
        {
          id: before?.id ?? randomUUID(),
          workerId: p.worker.id,
          villageCode: p.worker.homeVillageCode,
          appliedAt: p.appliedAt,
          ...(p.activistAt ? { activistAt: p.activistAt } : {}),
          ...(before?.note ? { note: before.note } : {}),
        },
        by,
      );
      events.push(partyApplicationRecordedEvent(a));
    }
    return events;
  }
}

/** An imported application changes nothing when its dates are the stored ones (the note is kept). */
const sameApplication = (before: PartyApplicationRecord, p: { appliedAt: string; activistAt?: string }) =>
  before.appliedAt === p.appliedAt && (before.activistAt ?? '') === (p.activistAt ?? '');
