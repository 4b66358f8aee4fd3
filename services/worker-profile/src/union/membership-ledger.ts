import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import { UniqueViolation } from '@tongxin/db';
import { ServiceContext, invalidField, notFound } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { alreadyUnionMember, membershipNoTaken, notAUnionMember, villageNotCovered } from '../errors.ts';
import { assertWriteScope, readScope } from '../ledgers/rules.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { MembershipWriter, membershipView } from './memberships.ts';
import type { JoinInput, LeaveInput, MembershipView } from './schemas.ts';
import { UnionRepository } from './union-repository.ts';

/** Union membership of a worker: joining a work group of their village, leaving, the history. */
@injectable()
export class MembershipLedger {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(UnionRepository) private readonly union: UnionRepository,
    @inject(MembershipWriter) private readonly memberships: MembershipWriter,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
  ) {}

  async join(
    p: Principal,
    workerId: string,
    input: JoinInput,
  ): Promise<{ membership: MembershipView; created: boolean }> {
    this.checkDate('joinedOn', input.joinedOn);
    return this.ctx.transaction(async (tx) => {
      const worker = await this.workers.findById(tx, workerId, true);
      if (!worker || !inRegionScope(p, worker.homeVillageCode)) throw notFound('worker', workerId);
      assertWriteScope(p, worker.homeVillageCode, 'recording a union membership');
      const g = await this.union.findWorkGroup(tx, input.workGroupId);
      if (!g) throw invalidField('workGroupId', 'no such work group');
      if (!g.villageCodes.includes(worker.homeVillageCode))
        throw villageNotCovered('workGroupId', worker.homeVillageCode);
      const open = await this.union.openOf(tx, workerId);
      if (open) {
        const same =
          open.workGroupId === g.id && open.membershipNo === input.membershipNo && open.joinedOn === input.joinedOn;
        if (same) return { membership: membershipView(open), created: false };
        throw alreadyUnionMember(open.id);
      }
      const m = { id: randomUUID(), workerId, villageCode: worker.homeVillageCode, ...input };
      try {
        await this.ctx.outbox.addAll(tx, await this.memberships.write(tx, [m], [], p.sub));
      } catch (err) {
        if (err instanceof UniqueViolation && err.constraint === 'union_memberships_open_no')
          throw membershipNoTaken(err);
        throw err;
      }
      return { membership: membershipView((await this.union.openOf(tx, workerId))!), created: true };
    });
  }

  async leave(p: Principal, workerId: string, input: LeaveInput): Promise<MembershipView> {
    this.checkDate('leftOn', input.leftOn);
    return this.ctx.transaction(async (tx) => {
      const worker = await this.workers.findById(tx, workerId, true);
      if (!worker || !inRegionScope(p, worker.homeVillageCode)) throw notFound('worker', workerId);
      assertWriteScope(p, worker.homeVillageCode, 'recording a union membership');
      const open = await this.union.openOf(tx, workerId);
      if (!open) throw notAUnionMember();
      if (input.leftOn < open.joinedOn) throw invalidField('leftOn', 'is before the worker joined');
      await this.ctx.outbox.addAll(
        tx,
        await this.memberships.write(tx, [], [{ membership: open, leftOn: input.leftOn }], p.sub),
      );
      return membershipView({ ...open, leftOn: input.leftOn });
    });
  }

  async membershipsOf(p: Principal, workerId: string): Promise<{ items: MembershipView[] }> {
    const worker = await this.workers.findById(this.ctx.pool, workerId);
    if (!worker || !inRegionScope(p, worker.homeVillageCode)) throw notFound('worker', workerId);
    readScope(p);
    return { items: (await this.union.ofWorkers(this.ctx.pool, [workerId])).map(membershipView) };
  }

  private checkDate(field: string, date: string): void {
    if (date > this.ctx.calendar.today()) throw invalidField(field, 'is in the future');
    if (date < '1925-05-01') throw invalidField(field, 'is before the union federation was founded');
  }
}
