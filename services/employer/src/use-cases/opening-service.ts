import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { deriveTier, regionName } from '@tongxin/regions';
import { forbidden, invalidField, invalidFields, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import type { EmployerConfig } from '../config.ts';
import { actingFor, actsFor, isPublicViewer } from '../domain/access.ts';
import { canRequest } from '../domain/opening-status.ts';
import type { OpeningRecord } from '../domain/records.ts';
import type { OpeningInput, OpeningListQuery, OpeningPatch, OpeningStatus, OpeningView } from '../domain/schemas.ts';
import { openingSnapshot } from '../domain/snapshots.ts';
import { validateOpeningFacts } from '../domain/validate.ts';
import { employerNotVerified, openingClosed, openingIllegalTransition, openingPastClosing } from '../errors.ts';
import { EmployerRepository } from '../repositories/employer-repository.ts';
import { OpeningRepository } from '../repositories/opening-repository.ts';
import { type PublishNow, TOKENS } from '../tokens.ts';
import { ClosingSweep } from './closing-sweep.ts';
import { OpeningLifecycle } from './opening-lifecycle.ts';

const NO_BENEFITS = { housing: false, meals: false, socialInsurance: false };

/** Openings: who may post and see them, the sense checks, and the status moves people ask for. */
@injectable()
export class OpeningService {
  readonly #homeCounty: string;

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<EmployerConfig>,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.PublishNow) private readonly publishNow: PublishNow,
    @inject(EmployerRepository) private readonly employers: EmployerRepository,
    @inject(OpeningRepository) private readonly openings: OpeningRepository,
    @inject(OpeningLifecycle) private readonly lifecycle: OpeningLifecycle,
    @inject(ClosingSweep) private readonly sweep: ClosingSweep,
  ) {
    this.#homeCounty = ctx.config.HOME_COUNTY;
  }

  async create(p: Principal, input: OpeningInput): Promise<OpeningView> {
    const { employerId, status: asked, ...fields } = input;
    const today = this.ctx.calendar.today();
    this.check(fields, fields, today);
    const record = await this.ctx.transaction(async (tx) => {
      const employer = await this.employers.findById(tx, employerId);
      if (!employer) {
        if (p.role === 'employer') throw forbidden('you may post openings for your own company only');
        throw invalidField('employerId', 'no such employer');
      }
      if (!actsFor(p, employer)) throw forbidden('you may post openings for your own company only');
      const status: OpeningStatus = asked ?? 'draft';
      if (status === 'open' && employer.status !== 'verified') throw employerNotVerified(employerId);
      const created = await this.openings.insert(
        tx,
        randomUUID(),
        {
          ...fields,
          employerId,
          requiredSkills: fields.requiredSkills ?? [],
          benefits: fields.benefits ?? NO_BENEFITS,
          reservedForPoor: fields.reservedForPoor ?? false,
          tier: deriveTier(fields.worksiteRegionCode, this.#homeCounty),
          status,
          createdBy: p.sub,
        },
        status === 'open',
      );
      await this.lifecycle.announce(tx, undefined, created);
      return created;
    });
    return this.view(record);
  }

  async get(p: Principal | undefined, id: string): Promise<OpeningView> {
    let o = await this.openings.findById(this.ctx.pool, id);
    if (!o || !this.canSee(p, o)) throw notFound('opening', id);
    // The sweep runs every few minutes; a reader must never see a live opening past its closing date.
    if (this.isDue(o)) {
      o = (await this.sweep.closeOne(id)) ?? o;
      this.publishNow();
      if (!this.canSee(p, o)) throw notFound('opening', id);
    }
    return this.view(o);
  }

  async update(p: Principal, id: string, patch: OpeningPatch): Promise<OpeningView> {
    const today = this.ctx.calendar.today();
    const record = await this.ctx.transaction(async (tx) => {
      const current = await this.openings.findById(tx, id, true);
      if (!current || !this.canSee(p, current) || isPublicViewer(p)) throw notFound('opening', id);
      if (current.status === 'closed') throw openingClosed(id);
      const { status: asked, ...fields } = patch;
      const merged = { ...current, ...fields };
      this.check(merged as Parameters<typeof validateOpeningFacts>[0], fields, today);

      let status: OpeningStatus = current.status;
      if (asked !== undefined && asked !== current.status) {
        if (!canRequest(current.status, asked)) throw openingIllegalTransition(current.status, asked);
        status = asked;
      }
      if (status === 'open' || (status === 'filled' && merged.headcount > merged.filledCount)) {
        // Opening, or a filled opening given more places: it must be allowed to (re)open.
        if (current.employerStatus !== 'verified') {
          if (asked === 'open') throw employerNotVerified(current.employerId);
        } else if (merged.closingDate && merged.closingDate < today) {
          if (asked === 'open') throw openingPastClosing(merged.closingDate);
        } else status = merged.filledCount >= merged.headcount ? 'filled' : 'open';
      }
      if (status === 'open' && merged.filledCount >= merged.headcount) status = 'filled';

      const next: Partial<OpeningRecord> = { ...fields };
      if (fields.worksiteRegionCode) next.tier = deriveTier(fields.worksiteRegionCode, this.#homeCounty);
      if (status !== current.status) {
        next.status = status;
        // A pause asked for by a person outlives a later re-verification.
        next.pausedBySuspension = false;
      }
      const changed = Object.keys(next).some(
        (k) => JSON.stringify(current[k as keyof typeof current]) !== JSON.stringify(next[k as keyof typeof next]),
      );
      return changed ? this.lifecycle.change(tx, current, next) : current;
    });
    return this.view(record);
  }

  async list(p: Principal | undefined, q: OpeningListQuery): Promise<{ items: OpeningView[]; nextCursor?: string }> {
    // Check on read: whatever is past its closing date is closed before anyone lists it.
    if (await this.sweep.closeDue()) this.publishNow();
    const acting = p ? actingFor(p) : undefined;
    let occupationCode: string | undefined;
    if (q.occupation !== undefined) {
      occupationCode = this.taxonomy.has(q.occupation) ? q.occupation : this.taxonomy.resolve(q.occupation);
      if (!occupationCode) throw invalidField('occupation', `unknown occupation ${q.occupation}`);
    }
    return pageBySeq(
      q,
      (window) =>
        this.openings.list(this.ctx.pool, {
          ...(acting ? { actingFor: acting } : {}),
          ...(isPublicViewer(p) ? { publicOnly: true } : {}),
          ...(q.employerId ? { employerId: q.employerId } : {}),
          ...(q.tier ? { tier: q.tier } : {}),
          ...(occupationCode ? { occupationCode } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.region ? { region: q.region } : {}),
          ...(q.reservedForPoor !== undefined ? { reservedForPoor: q.reservedForPoor } : {}),
          ...window,
        }),
      (o) => this.view(o),
    );
  }

  private canSee(p: Principal | undefined, o: OpeningRecord): boolean {
    if (isPublicViewer(p)) return o.status === 'open' && o.employerStatus === 'verified';
    return actsFor(p!, {
      id: o.employerId,
      ...(o.employerOwnerAccountId ? { ownerAccountId: o.employerOwnerAccountId } : {}),
    });
  }

  private isDue(o: OpeningRecord): boolean {
    return (
      ['open', 'paused', 'filled'].includes(o.status) && !!o.closingDate && o.closingDate < this.ctx.calendar.today()
    );
  }

  private check(merged: Parameters<typeof validateOpeningFacts>[0], changed: OpeningPatch, today: string): void {
    const errors = validateOpeningFacts(merged, changed, this.taxonomy, today);
    if (errors.length) throw invalidFields(errors);
  }

  private view(o: OpeningRecord): OpeningView {
    const s = openingSnapshot(o, this.taxonomy);
    const occupationName = this.taxonomy.get(o.occupationCode)?.nameZh;
    const worksiteRegionName = regionName(o.worksiteRegionCode);
    return {
      ...s,
      ...(occupationName ? { occupationName } : {}),
      ...(worksiteRegionName ? { worksiteRegionName } : {}),
      createdAt: o.createdAt,
    };
  }
}
