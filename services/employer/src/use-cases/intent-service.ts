import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import type { PoolClient } from '@tongxin/db';
import {
  type FieldError,
  forbidden,
  invalidField,
  invalidFields,
  notFound,
  ServiceContext,
  pageBySeq,
} from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { actingFor, actsFor } from '../domain/access.ts';
import type { IntentRecord } from '../domain/records.ts';
import type { IntentInput, IntentListQuery, IntentPatch, IntentView } from '../domain/schemas.ts';
import { validateIntentFacts } from '../domain/validate.ts';
import { EmployerRepository } from '../repositories/employer-repository.ts';
import { IntentRepository } from '../repositories/intent-repository.ts';
import { OpeningRepository } from '../repositories/opening-repository.ts';
import { IntentProgress, intentStatus } from './intent-progress.ts';

/** Recruitment intents (招聘意向): an employer's commitment to hire N workers from the county by a date. */
@injectable()
export class IntentService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(EmployerRepository) private readonly employers: EmployerRepository,
    @inject(OpeningRepository) private readonly openings: OpeningRepository,
    @inject(IntentRepository) private readonly intents: IntentRepository,
    @inject(IntentProgress) private readonly progress: IntentProgress,
  ) {}

  async record(p: Principal, input: IntentInput): Promise<IntentView> {
    this.check(input);
    const intent = await this.ctx.transaction(async (tx) => {
      const employer = await this.employers.findById(tx, input.employerId);
      if (!employer || !actsFor(p, employer)) {
        if (p.role === 'employer') throw forbidden('you may record intents for your own company only');
        throw invalidField('employerId', 'no such employer');
      }
      const openingIds = input.openingIds ?? [];
      await this.checkOpenings(tx, input.employerId, openingIds);
      const created = await this.intents.insert(tx, {
        id: randomUUID(),
        employerId: input.employerId,
        committed: input.committed,
        deadline: input.deadline,
        openingIds,
        status: 'active',
        createdBy: p.sub,
        ...(input.note ? { note: input.note } : {}),
      });
      // Hires already made in the linked openings count from the start.
      const hired = await this.intents.countHired(tx, created);
      const status = intentStatus(created.committed, hired, created.deadline, this.ctx.calendar.today());
      const current =
        hired || status !== created.status ? await this.intents.update(tx, created.id, { hired, status }) : created;
      await this.progress.announce(tx, 'recruitment-intent.recorded', current);
      return current;
    });
    return this.view(intent);
  }

  async get(p: Principal, id: string): Promise<IntentView> {
    const intent = await this.intents.findById(this.ctx.pool, id);
    if (!intent || !this.canSee(p, intent)) throw notFound('recruitment intent', id);
    return this.view(intent);
  }

  async update(p: Principal, id: string, patch: IntentPatch): Promise<IntentView> {
    this.check(patch);
    const intent = await this.ctx.transaction(async (tx) => {
      const current = await this.intents.findById(tx, id, true);
      if (!current || !this.canSee(p, current)) throw notFound('recruitment intent', id);
      if (patch.openingIds) await this.checkOpenings(tx, current.employerId, patch.openingIds);
      const fields = { ...patch };
      const changed = Object.entries(fields).some(
        ([k, v]) => JSON.stringify(current[k as keyof typeof current]) !== JSON.stringify(v),
      );
      if (!changed) return current;
      const merged = await this.intents.update(tx, id, fields);
      const hired = await this.intents.countHired(tx, merged);
      const status = intentStatus(merged.committed, hired, merged.deadline, this.ctx.calendar.today());
      const updated =
        hired !== merged.hired || status !== merged.status
          ? await this.intents.update(tx, id, { hired, status })
          : merged;
      await this.progress.announce(tx, 'recruitment-intent.updated', updated);
      return updated;
    });
    return this.view(intent);
  }

  async list(p: Principal, q: IntentListQuery): Promise<{ items: IntentView[]; nextCursor?: string }> {
    const acting = actingFor(p);
    return pageBySeq(
      q,
      (window) =>
        this.intents.list(this.ctx.pool, {
          ...(acting ? { actingFor: acting } : {}),
          ...(q.employerId ? { employerId: q.employerId } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...window,
        }),
      (i) => this.view(i),
    );
  }

  /** Linked openings must be the employer's own. */
  private async checkOpenings(tx: PoolClient, employerId: string, ids: string[]): Promise<void> {
    const errors: FieldError[] = [];
    for (const [i, id] of ids.entries()) {
      const o = await this.openings.findById(tx, id);
      if (!o || o.employerId !== employerId)
        errors.push({ field: `openingIds/${i}`, message: 'not an opening of this employer' });
    }
    if (errors.length) throw invalidFields(errors);
  }

  private canSee(p: Principal, i: IntentRecord): boolean {
    return actsFor(p, {
      id: i.employerId,
      ...(i.employerOwnerAccountId ? { ownerAccountId: i.employerOwnerAccountId } : {}),
    });
  }

  private check(input: IntentPatch): void {
    const errors = validateIntentFacts(input, this.ctx.calendar.today());
    if (errors.length) throw invalidFields(errors);
  }

  private view(i: IntentRecord): IntentView {
    const { seq: _s, createdBy: _c, employerOwnerAccountId: _o, ...rest } = i;
    return rest;
  }
}
