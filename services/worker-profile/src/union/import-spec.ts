import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Pool, PoolClient } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { UNION_COLUMNS } from '../imports/columns.ts';
import { type Classified, type LedgerImportSpec, type Parsed, idNumberCell } from '../imports/import-pipeline.ts';
import type { ImportContext, Problems } from '../imports/import-types.ts';
import { parseDate } from '../imports/labels.ts';
import type { RowReader } from '../imports/row-reader.ts';
import { schemaCheck } from '../imports/schema-check.ts';
import { MembershipWriter } from './memberships.ts';
import { JoinInput, LeaveInput } from './schemas.ts';
import {
  type MembershipRecord,
  type NewMembership,
  UnionRepository,
  type WorkGroupRecord,
} from './union-repository.ts';

/** One row of the union sheet: a membership, open or left. */
export interface UnionRow {
  workerId: string;
  villageCode: string;
  workGroup: string;
  membershipNo: string;
  joinedOn: string;
  leftOn?: string;
}
interface Stored {
  groups: WorkGroupRecord[];
  memberships: MembershipRecord[];
}
interface Plan {
  inserts: NewMembership[];
  closes: { membership: NewMembership; leftOn: string }[];
}

const key = (m: { workerId: string; membershipNo: string; joinedOn: string }) =>
  `${m.workerId}|${m.membershipNo}|${m.joinedOn}`;
const checkInput = schemaCheck(
  Type.Composite([Type.Omit(JoinInput, ['workGroupId']), Type.Partial(LeaveInput)], { additionalProperties: false }),
);

/**
 * The union sheet (工会会员台账): a row is a membership, matched by (worker, number, joined on).
 * A new row joins (or records a past membership with its leaving date), a leaving date on an open
 * membership closes it, the same row again changes nothing. Rows that would break the rules of
 * the API (another village's group, a second open membership, a number held by another) are
 * reported one by one.
 */
@injectable()
export class UnionImportSpec implements LedgerImportSpec<UnionRow, Stored, Plan> {
  readonly columns = UNION_COLUMNS;
  readonly idNumbers = idNumberCell;

  constructor(
    @inject(UnionRepository) private readonly union: UnionRepository,
    @inject(MembershipWriter) private readonly writer: MembershipWriter,
  ) {}

  parse(r: RowReader): UnionRow | undefined {
    const w = r.worker(r.cell('idNumber'), r.cell('name'));
    const workGroup = r.text('workGroup', 100);
    if (!workGroup) r.problem('workGroup', 'is required');
    const membershipNo = r.text('membershipNo', 40);
    if (!membershipNo) r.problem('membershipNo', 'is required');
    const joinedOn = r.requiredPastDate('joinedOn');
    const leftText = r.cell('leftOn');
    const leftOn = leftText ? parseDate(leftText) : undefined;
    if (leftText && !leftOn) r.problem('leftOn', `"${leftText}" is not a date`);
    else if (leftOn && leftOn > r.ctx.today) r.problem('leftOn', 'is in the future');
    else if (leftOn && joinedOn && leftOn < joinedOn) r.problem('leftOn', 'is before the joining date');
    if (!w || !workGroup || !membershipNo || !joinedOn) return undefined;
    return {
      workerId: w.id,
      villageCode: w.homeVillageCode,
      workGroup,
      membershipNo,
      joinedOn,
      ...(leftOn ? { leftOn } : {}),
    };
  }

  schemaErrors({ membershipNo, joinedOn, leftOn }: UnionRow) {
    return checkInput({ membershipNo, joinedOn, ...(leftOn ? { leftOn } : {}) });
  }

  readonly repeats = {
    key,
    problem: (first: number) => ({
      key: 'membershipNo',
      message: `repeats row ${first} (same worker, number and date)`,
    }),
  };

  async existing(db: Pool, rows: UnionRow[]): Promise<Stored> {
    const groups = await this.union.findWorkGroupsByName(db, [...new Set(rows.map((r) => r.workGroup))]);
    const memberships = await this.union.ofWorkers(db, [...new Set(rows.map((r) => r.workerId))]);
    const byNo = await this.union.openByNumbers(db, [...new Set(rows.map((r) => r.membershipNo))]);
    return { groups, memberships: [...memberships, ...byNo.filter((m) => !memberships.some((x) => x.id === m.id))] };
  }

  classify(rows: Parsed<UnionRow>[], stored: Stored, _ctx: ImportContext, problems: Problems): Classified<Plan> {
    const plan: Plan = { inserts: [], closes: [] };
    let unchanged = 0;
    const byKey = new Map(stored.memberships.map((m) => [key(m), m]));
    // Open memberships as the file leaves them, by worker and by number.
    const openOf = new Map(stored.memberships.filter((m) => !m.leftOn).map((m) => [m.workerId, m as NewMembership]));
    const holderOf = new Map(stored.memberships.filter((m) => !m.leftOn).map((m) => [m.membershipNo, m.workerId]));
    for (const { row, value } of rows) {
      const group = stored.groups.find((g) => g.name === value.workGroup && g.villageCodes.includes(value.villageCode));
      if (!group) {
        problems.add(row, 'workGroup', `no work group of this name covers the worker's village ${value.villageCode}`);
        continue;
      }
      const old = byKey.get(key(value));
      if (old) {
        if (old.workGroupId !== group.id) problems.add(row, 'workGroup', `the membership is in ${old.workGroupName}`);
        else if ((old.leftOn ?? '') === (value.leftOn ?? '')) unchanged++;
        else if (!old.leftOn && value.leftOn) {
          plan.closes.push({ membership: old, leftOn: value.leftOn });
          openOf.delete(old.workerId);
          holderOf.delete(old.membershipNo);
        } else problems.add(row, 'leftOn', `the membership was left on ${old.leftOn ?? '—'}; change it by form`);
        continue;
      }
      if (!value.leftOn) {
        const open = openOf.get(value.workerId);
        if (open) {
          problems.add(row, 'membershipNo', `the worker already has an open membership (${open.membershipNo})`);
          continue;
        }
        const holder = holderOf.get(value.membershipNo);
        if (holder && holder !== value.workerId) {
          problems.add(row, 'membershipNo', 'is held by another open membership');
          continue;
        }
      }
      const m: NewMembership = {
        id: randomUUID(),
        workerId: value.workerId,
        workGroupId: group.id,
        villageCode: value.villageCode,
        membershipNo: value.membershipNo,
        joinedOn: value.joinedOn,
        ...(value.leftOn ? { leftOn: value.leftOn } : {}),
      };
      plan.inserts.push(m);
      if (!m.leftOn) {
        openOf.set(m.workerId, m);
        holderOf.set(m.membershipNo, m.workerId);
      }
    }
    return { plan, created: plan.inserts.length, updated: plan.closes.length, unchanged };
  }

  write(tx: PoolClient, plan: Plan, ctx: ImportContext): Promise<TongxinEvent[]> {
    return this.writer.write(tx, plan.inserts, plan.closes, ctx.principal.sub);
  }
}
