import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { type PoolClient, UniqueViolation } from '@tongxin/db';
import { type EmployerSnapshot } from '@tongxin/events';
import { deriveTier, regionName } from '@tongxin/regions';
import { forbidden, invalidFields, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import type { EmployerConfig } from '../config.ts';
import { actingFor, actsFor } from '../domain/access.ts';
import type { EmployerRecord, OpeningRecord } from '../domain/records.ts';
import type { EmployerInput, EmployerListQuery, EmployerPatch, EmployerView } from '../domain/schemas.ts';
import { employerSnapshot } from '../domain/snapshots.ts';
import { validateEmployerFacts } from '../domain/validate.ts';
import { accountAlreadyLinked, employerAlreadyRegistered, employerIllegalTransition } from '../errors.ts';
import { CREDIT_CODE_UNIQUE, EmployerRepository } from '../repositories/employer-repository.ts';
import { OpeningRepository } from '../repositories/opening-repository.ts';
import { TOKENS } from '../tokens.ts';
import { OpeningLifecycle } from './opening-lifecycle.ts';

/** Employers: registration, the credit-code rules, and the administrator's pending → verified ⇄ suspended moves. */
@injectable()
export class EmployerService {
  readonly #homeCounty: string;

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<EmployerConfig>,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(EmployerRepository) private readonly employers: EmployerRepository,
    @inject(OpeningRepository) private readonly openings: OpeningRepository,
    @inject(OpeningLifecycle) private readonly lifecycle: OpeningLifecycle,
  ) {
    this.#homeCounty = ctx.config.HOME_COUNTY;
  }

  async register(p: Principal, input: EmployerInput): Promise<EmployerView> {
    if (p.role === 'worker') throw forbidden('a worker account does not register employers');
    const registeredByRole = p.role;
    this.check(input);
    const creditCode = input.creditCode.toUpperCase();
    const record = await this.ctx.transaction(async (tx) => {
      if (p.role === 'employer') {
        // One company per employer account: the account acts for the company it registers.
        const owned = p.employerId ?? (await this.employers.findByOwner(tx, p.sub))?.id;
        if (owned) throw accountAlreadyLinked(owned);
      }
      const existing = await this.employers.findByCreditCode(tx, creditCode);
      if (existing) throw employerAlreadyRegistered(existing.id);
      const created = await this.employers
        .insert(tx, randomUUID(), {
          ...input,
          creditCode,
          status: 'pending',
          registeredBy: p.sub,
          ...(p.role === 'employer' ? { ownerAccountId: p.sub } : {}),
        })
        .catch((err: unknown) => {
          // Two registrations racing with one credit code: the unique constraint decides.
          throw creditCodeTaken(err);
        });
      await this.ctx.emit(tx, 'employer.registered', created.id, {
        employer: this.snapshot(created),
        registeredBy: p.sub,
        registeredByRole,
      });
      return created;
    });
    return this.view(record);
  }

  async get(p: Principal, id: string): Promise<EmployerView> {
    const e = await this.employers.findById(this.ctx.pool, id);
    if (!e || !actsFor(p, e)) throw notFound('employer', id);
    return this.view(e);
  }

  async update(p: Principal, id: string, patch: EmployerPatch): Promise<EmployerView> {
    this.check(patch);
    const record = await this.ctx.transaction(async (tx) => {
      const current = await this.employers.findById(tx, id, true);
      if (!current || !actsFor(p, current)) throw notFound('employer', id);
      const fields: EmployerPatch = {
        ...patch,
        ...(patch.creditCode ? { creditCode: patch.creditCode.toUpperCase() } : {}),
      };
      const changed = Object.keys(fields).filter(
        (k) =>
          JSON.stringify(current[k as keyof typeof current]) !== JSON.stringify((fields as Record<string, unknown>)[k]),
      );
      if (changed.length === 0) return current;
      if (changed.includes('creditCode')) {
        // The credit code is what verification checked: only county staff correct it.
        if (p.role === 'employer') throw forbidden('only county staff change a credit code');
        const other = await this.employers.findByCreditCode(tx, fields.creditCode!);
        if (other && other.id !== id) throw employerAlreadyRegistered(other.id);
      }
      const updated = await this.employers.update(tx, id, fields).catch((err: unknown) => {
        // A correction racing a registration of the same credit code.
        throw creditCodeTaken(err);
      });
      await this.ctx.emit(tx, 'employer.updated', id, { employer: this.snapshot(updated), changed });
      // Opening snapshots carry the employer's name.
      if (changed.includes('name')) await this.touchOpenings(tx, id, []);
      return updated;
    });
    return this.view(record);
  }

  /** pending or suspended → verified; openings paused by the suspension resume. */
  async verify(p: Principal, id: string): Promise<EmployerView> {
    const record = await this.ctx.transaction(async (tx) => {
      const current = await this.locked(tx, p, id);
      if (current.status === 'verified') throw employerIllegalTransition(current.status, 'verified');
      const updated = await this.employers.update(tx, id, { status: 'verified' }, true);
      await this.ctx.emit(tx, 'employer.verified', id, { employer: this.snapshot(updated) });
      const today = this.ctx.calendar.today();
      await this.touchOpenings(tx, id, ['paused'], (o) => {
        if (!o.pausedBySuspension) return {};
        const status =
          o.closingDate && o.closingDate < today ? 'closed' : o.filledCount >= o.headcount ? 'filled' : 'open';
        return { status, pausedBySuspension: false };
      });
      return updated;
    });
    return this.view(record);
  }

  /** verified → suspended; its open openings pause until it is verified again. */
  async suspend(p: Principal, id: string, reason: string): Promise<EmployerView> {
    const record = await this.ctx.transaction(async (tx) => {
      const current = await this.locked(tx, p, id);
      if (current.status !== 'verified') throw employerIllegalTransition(current.status, 'suspended');
      const updated = await this.employers.update(tx, id, { status: 'suspended', suspensionReason: reason });
      await this.ctx.emit(tx, 'employer.suspended', id, { employer: this.snapshot(updated), reason });
      await this.touchOpenings(tx, id, ['open'], () => ({ status: 'paused', pausedBySuspension: true }));
      return updated;
    });
    return this.view(record);
  }

  async list(p: Principal, q: EmployerListQuery): Promise<{ items: EmployerView[]; nextCursor?: string }> {
    const acting = actingFor(p);
    return pageBySeq(
      q,
      (window) =>
        this.employers.list(this.ctx.pool, {
          ...(acting ? { actingFor: acting } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.region ? { region: q.region } : {}),
          ...(q.tier ? { tier: { tier: q.tier, homeCounty: this.#homeCounty } } : {}),
          ...(q.industry ? { industry: q.industry } : {}),
          ...window,
        }),
      (e) => this.view(e),
    );
  }

  private async locked(tx: PoolClient, p: Principal, id: string): Promise<EmployerRecord> {
    const current = await this.employers.findById(tx, id, true);
    if (!current || !actsFor(p, current)) throw notFound('employer', id);
    return current;
  }

  /**
   * Re-announces the employer's live openings after a change their snapshots carry
   * (name, verified or not); `move` turns openings in `statuses` into a status change.
   */
  private async touchOpenings(
    tx: PoolClient,
    employerId: string,
    statuses: string[],
    move: (o: OpeningRecord) => Partial<OpeningRecord> = () => ({}),
  ): Promise<void> {
    const live = await this.openings.lockByEmployer(tx, employerId, ['open', 'paused', 'filled']);
    for (const o of live) await this.lifecycle.change(tx, o, statuses.includes(o.status) ? move(o) : {});
  }

  /** Every employer event carries the snapshot beside what is particular to its type. */
  private snapshot(e: EmployerRecord): EmployerSnapshot {
    return employerSnapshot(e, this.#homeCounty);
  }

  private check(input: EmployerPatch): void {
    const errors = validateEmployerFacts(input, this.taxonomy);
    if (errors.length) throw invalidFields(errors);
  }

  private view(e: EmployerRecord): EmployerView {
    const { seq: _seq, ...rest } = e;
    const name = regionName(e.regionCode);
    return { ...rest, tier: deriveTier(e.regionCode, this.#homeCounty), ...(name ? { regionName: name } : {}) };
  }
}

/** The domain error for the credit code's unique constraint; any other error as it is. */
const creditCodeTaken = (err: unknown): unknown =>
  err instanceof UniqueViolation && err.constraint === CREDIT_CODE_UNIQUE
    ? employerAlreadyRegistered(undefined, { cause: err })
    : err;
