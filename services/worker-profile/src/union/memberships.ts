import type { PoolClient } from '@tongxin/db';
import { type TongxinEvent, createEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { SOURCE, WorkerChanges } from '../registry/worker-changes.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import type { MembershipView } from './schemas.ts';
import {
  type MembershipRecord,
  type NewMembership,
  UnionRepository,
  type WorkGroupRecord,
} from './union-repository.ts';

export const membershipView = ({ seq: _s, ...m }: MembershipRecord): MembershipView => m;

/** `union.membership-joined` / `union.membership-left`, the same by form, API or sheet. */
export function membershipEvent(
  type: 'union.membership-joined' | 'union.membership-left',
  m: NewMembership,
): TongxinEvent {
  return createEvent({
    type,
    source: SOURCE,
    subject: m.workerId,
    data: {
      membership: {
        id: m.id,
        workerId: m.workerId,
        workGroupId: m.workGroupId,
        regionCode: m.villageCode,
        membershipNo: m.membershipNo,
        joinedOn: m.joinedOn,
        ...(m.leftOn ? { leftOn: m.leftOn } : {}),
      },
    },
  });
}

/** `union.work-group-created` / `union.work-group-updated` (with the fields that changed). */
export function workGroupEvent(g: WorkGroupRecord, changed?: string[]): TongxinEvent {
  const workGroup = {
    id: g.id,
    federationId: g.federationId,
    townshipCode: g.townshipCode,
    name: g.name,
    leaderName: g.leaderName,
    ...(g.leaderWorkerId ? { leaderWorkerId: g.leaderWorkerId } : {}),
    villageCodes: g.villageCodes,
    ...(g.partyGroupId ? { partyGroupId: g.partyGroupId } : {}),
  };
  return changed
    ? createEvent({ type: 'union.work-group-updated', source: SOURCE, subject: g.id, data: { workGroup, changed } })
    : createEvent({ type: 'union.work-group-created', source: SOURCE, subject: g.id, data: { workGroup } });
}

/**
 * Writes memberships (joined, or historic ones already left) and closes open ones, keeping each
 * worker's `unionMember` flag in step: a worker with an open membership is a member. Used by the
 * API and the union sheet's import alike, inside the caller's transaction.
 */
@injectable()
export class MembershipWriter {
  constructor(
    @inject(UnionRepository) private readonly union: UnionRepository,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(WorkerChanges) private readonly changes: WorkerChanges,
  ) {}

  async write(
    tx: PoolClient,
    inserts: NewMembership[],
    closes: { membership: NewMembership; leftOn: string }[],
    by: string,
  ): Promise<TongxinEvent[]> {
    const events: TongxinEvent[] = [];
    // Closing first: a row may leave one membership and the next join another.
    for (const { membership, leftOn } of closes) {
      await this.union.close(tx, membership.id, leftOn);
      events.push(membershipEvent('union.membership-left', { ...membership, leftOn }));
    }
    await this.union.insertMemberships(tx, inserts, by);
    for (const m of inserts) {
      const { leftOn: _left, ...joined } = m;
      events.push(membershipEvent('union.membership-joined', joined));
      if (m.leftOn) events.push(membershipEvent('union.membership-left', m));
    }
    const touched = [...new Set([...inserts, ...closes.map((c) => c.membership)].map((m) => m.workerId))];
    for (const id of touched) await this.syncFlag(tx, id);
    return events;
  }

  /** The registry's flag follows the memberships (worker.updated tells the other services). */
  private async syncFlag(tx: PoolClient, workerId: string): Promise<void> {
    const worker = await this.workers.findById(tx, workerId, true);
    if (!worker) return;
    const open = await this.union.openOf(tx, workerId);
    await this.changes.apply(tx, worker, {
      unionMember: open ? { member: true, joinedAt: open.joinedOn } : { member: false },
    });
  }
}
