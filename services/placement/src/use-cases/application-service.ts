import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import { type Queryable, UniqueViolation } from '@tongxin/db';
import { regionShortName } from '@tongxin/regions';
import { forbidden, invalidField, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import type pg from 'pg';
import { inject, injectable } from 'tsyringe';
import { type ApplicationStatus, allowedMoves, contactVisible, isLegalMove, mayMove } from '../domain/pipeline.ts';
import { maySee, regionScopeOf } from '../domain/scope.ts';
import type {
  ApplicationInput,
  ApplicationListQuery,
  ApplicationPatch,
  ApplicationView,
  InterviewInput,
  WorkerSummary,
} from '../domain/schemas.ts';
import { applicationSnapshot, placementSnapshot } from '../domain/snapshots.ts';
import {
  applicationExists,
  applicationIllegalTransition,
  employerSuspended,
  notInInterview,
  openingClosed,
  openingFull,
  openingNotOpen,
  openingReservedForPoor,
} from '../errors.ts';
import {
  ONE_OPEN_APPLICATION,
  type ApplicationRecord,
  ApplicationRepository,
} from '../repositories/application-repository.ts';
import { PlacementRepository } from '../repositories/placement-repository.ts';
import { ReadModelRepository, type WorkerRow } from '../repositories/read-model-repository.ts';
import { SubsidyService } from './subsidy-service.ts';

/** Applications and referrals (推荐): who may apply or move what, and the hire that makes a placement. */
@injectable()
export class ApplicationService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @inject(PlacementRepository) private readonly placements: PlacementRepository,
    @inject(ReadModelRepository) private readonly readModels: ReadModelRepository,
    @inject(SubsidyService) private readonly subsidies: SubsidyService,
  ) {}

  async submit(p: Principal, input: ApplicationInput): Promise<ApplicationView> {
    let workerId = input.workerId;
    if (p.role === 'worker') {
      if (!p.workerId) throw forbidden('this account is not linked to a worker record');
      if (workerId && workerId !== p.workerId) throw forbidden('workers apply for themselves; officers refer others');
      workerId = p.workerId;
    }
    if (!workerId) throw invalidField('workerId', 'is required when referring a worker');
    if (input.referredBy !== undefined && input.referredBy !== p.sub) {
      throw invalidField('referredBy', 'a referral is made in your own name');
    }
    // An officer or administrator applying for someone else is a referral (推荐).
    const referredBy = p.role === 'officer' || p.role === 'admin' ? p.sub : undefined;

    const worker = await this.readModels.findWorker(this.ctx.pool, workerId);
    if (!worker || (p.role === 'officer' && !inRegionScope(p, worker.homeVillageCode)))
      throw notFound('worker', workerId);
    const opening = await this.readModels.findOpening(this.ctx.pool, input.openingId);
    if (!opening) throw notFound('opening', input.openingId);
    if (opening.status !== 'open') throw openingNotOpen(opening.id, opening.status);
    if (opening.reservedForPoor && worker.householdStatus !== 'registered_poor' && !worker.relocated) {
      throw openingReservedForPoor();
    }

    const now = this.ctx.clock();
    const record = await this.ctx.transaction(async (tx) => {
      const homeVillageCode = (await this.readModels.lockWorkerVillage(tx, worker.id)) ?? worker.homeVillageCode;
      const created = await this.applications
        .insert(
          tx,
          {
            id: randomUUID(),
            workerId: worker.id,
            openingId: opening.id,
            employerId: opening.employerId,
            homeVillageCode,
            ...(referredBy ? { referredBy } : {}),
            createdBy: p.sub,
          },
          now,
        )
        .catch((err: unknown) => {
          // The unique index is the check: a second open application, even one racing the first, violates it.
          if (err instanceof UniqueViolation && err.constraint === ONE_OPEN_APPLICATION) {
            throw applicationExists({ cause: err });
          }
          throw err;
        });
      await this.applications.addHistory(tx, {
        applicationId: created.id,
        to: 'submitted',
        by: p.sub,
        byRole: p.role,
        at: now.toISOString(),
        ...(input.note ? { note: input.note } : {}),
      });
      await this.ctx.emit(tx, 'application.submitted', created.id, { application: applicationSnapshot(created) });
      // A referral is a service to the worker: it counts as contact for coverage.
      if (referredBy) await this.readModels.recordContact(tx, worker.id, this.today());
      return created;
    });
    return this.view(this.ctx.pool, p, record);
  }

  async get(p: Principal, id: string): Promise<ApplicationView> {
    const a = await this.applications.findById(this.ctx.pool, id);
    if (!a || !maySee(p, a)) throw notFound('application', id);
    return this.view(this.ctx.pool, p, a);
  }

  async list(p: Principal, q: ApplicationListQuery): Promise<{ items: ApplicationView[]; nextCursor?: string }> {
    if (p.role === 'employer' && !p.employerId) return { items: [] };
    if (p.role === 'worker' && !p.workerId) return { items: [] };
    const page = await pageBySeq(
      q,
      (window) =>
        this.applications.list(this.ctx.pool, {
          ...(p.role === 'officer' ? { scope: regionScopeOf(p) } : {}),
          ...(p.role === 'employer' ? { employerId: p.employerId } : {}),
          ...(p.role === 'worker' ? { workerId: p.workerId } : q.workerId ? { workerId: q.workerId } : {}),
          ...(q.openingId ? { openingId: q.openingId } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...window,
        }),
      (r) => r,
    );
    return { ...page, items: await this.views(this.ctx.pool, p, page.items) };
  }

  /** One move along the pipeline; `hired` takes a place of the opening or fails with PLACEMENT_OPENING_FULL. */
  async move(p: Principal, id: string, patch: ApplicationPatch): Promise<ApplicationView> {
    const to = patch.status as ApplicationStatus;
    if (to !== 'hired' && patch.startDate !== undefined)
      throw invalidField('startDate', 'only a hire has a start date');
    if (to !== 'hired' && patch.agreedWage !== undefined)
      throw invalidField('agreedWage', 'only a hire has an agreed wage');
    if (to !== 'interview' && patch.interview !== undefined)
      throw invalidField('interview', 'only a move to interview sets an interview');
    const now = this.ctx.clock();
    if (patch.interview) this.checkInterview(patch.interview, now, 'interview/');
    const updated = await this.ctx.transaction(async (tx) => {
      const a = await this.applications.findById(tx, id, true);
      if (!a || !maySee(p, a)) throw notFound('application', id);
      if (p.role === 'employer' && (await this.readModels.suspendedEmployers(tx, [a.employerId])).size > 0) {
        throw employerSuspended(a.employerId);
      }
      if (!mayMove(p.role, to)) {
        throw forbidden(
          p.role === 'employer'
            ? 'the applicant withdraws, the employer rejects'
            : `the ${p.role} may only withdraw an application`,
        );
      }
      if (!isLegalMove(a.status, to)) throw applicationIllegalTransition(a.status, to);
      if (to === 'hired') await this.hire(tx, p, a, patch, now);
      const moved = await this.applications.setStatus(tx, id, to, now);
      await this.applications.addHistory(tx, {
        applicationId: id,
        from: a.status,
        to,
        by: p.sub,
        byRole: p.role,
        at: now.toISOString(),
        ...(patch.note ? { note: patch.note } : {}),
      });
      await this.ctx.emit(tx, 'application.status-changed', id, {
        application: applicationSnapshot(moved),
        from: a.status,
        to,
        by: p.sub,
        ...(patch.note ? { note: patch.note } : {}),
      });
      if (p.role === 'officer') await this.readModels.recordContact(tx, a.workerId, this.today());
      return patch.interview ? this.setInterview(tx, p, moved, patch.interview, now) : moved;
    });
    return this.view(this.ctx.pool, p, updated);
  }

  /**
   * The employer (or an administrator) sets or changes the interview of an application in `interview`:
   * stored on it and announced (application.interview-scheduled, next revision). Sending the interview
   * it already has changes nothing and announces nothing.
   */
  async scheduleInterview(p: Principal, id: string, input: InterviewInput): Promise<ApplicationView> {
    const now = this.ctx.clock();
    this.checkInterview(input, now, '');
    const updated = await this.ctx.transaction(async (tx) => {
      const a = await this.applications.findById(tx, id, true);
      if (!a || !maySee(p, a)) throw notFound('application', id);
      if (p.role !== 'employer' && p.role !== 'admin') throw forbidden('the employer sets the interview');
      if (p.role === 'employer' && (await this.readModels.suspendedEmployers(tx, [a.employerId])).size > 0) {
        throw employerSuspended(a.employerId);
      }
      if (a.status !== 'interview') throw notInInterview(a.status);
      return this.setInterview(tx, p, a, input, now);
    });
    return this.view(this.ctx.pool, p, updated);
  }

  private checkInterview(input: InterviewInput, now: Date, prefix: string): void {
    const at = Date.parse(input.at);
    if (Number.isNaN(at)) throw invalidField(`${prefix}at`, 'invalid');
    if (at <= now.getTime()) throw invalidField(`${prefix}at`, 'must be in the future');
    if (input.place.trim() === '') throw invalidField(`${prefix}place`, 'is required');
  }

  private async setInterview(
    tx: pg.PoolClient,
    p: Principal,
    a: ApplicationRecord,
    input: InterviewInput,
    now: Date,
  ): Promise<ApplicationRecord> {
    const place = input.place.trim();
    const note = input.note?.trim() || undefined;
    const at = new Date(input.at).toISOString();
    const current = a.interview;
    if (current && current.at === at && current.place === place && current.note === note) return a;
    const updated = await this.applications.setInterview(
      tx,
      a.id,
      { at, place, ...(note ? { note } : {}), by: p.sub },
      now,
    );
    const revision = updated.interview?.revision ?? 1;
    await this.ctx.emit(tx, 'application.interview-scheduled', a.id, {
      applicationId: a.id,
      workerId: a.workerId,
      openingId: a.openingId,
      employerId: a.employerId,
      at,
      place,
      ...(note ? { note } : {}),
      revision,
      by: p.sub,
    });
    return updated;
  }

  private async hire(
    tx: pg.PoolClient,
    p: Principal,
    a: ApplicationRecord,
    patch: ApplicationPatch,
    now: Date,
  ): Promise<void> {
    const opening = await this.readModels.findOpening(tx, a.openingId);
    if (!opening) throw notFound('opening', a.openingId);
    if (opening.status === 'closed') throw openingClosed(opening.id);
    if (!(await this.placements.claimPlace(tx, a.openingId))) throw openingFull(opening.id, opening.headcount);
    const worker = await this.readModels.findWorker(tx, a.workerId);
    const placement = await this.placements.insert(
      tx,
      {
        id: randomUUID(),
        applicationId: a.id,
        workerId: a.workerId,
        openingId: a.openingId,
        employerId: a.employerId,
        homeVillageCode: a.homeVillageCode,
        startDate: patch.startDate ?? this.today(),
        agreedWage: patch.agreedWage ?? opening.wageMin,
        tier: opening.tier,
        hiredBy: p.sub,
      },
      now,
    );
    await this.ctx.emit(tx, 'placement.hired', placement.id, { placement: placementSnapshot(placement) });
    if (worker) await this.subsidies.onHire(tx, placement, worker);
  }

  private async view(db: Queryable, p: Principal, a: ApplicationRecord): Promise<ApplicationView> {
    return (await this.views(db, p, [a]))[0]!;
  }

  private async views(db: Queryable, p: Principal, rows: ApplicationRecord[]): Promise<ApplicationView[]> {
    const ids = rows.map((r) => r.id);
    const [history, placements, workers, openings, suspended] = await Promise.all([
      this.applications.historyOf(db, ids),
      this.placements.idsByApplication(db, ids),
      this.readModels.findWorkers(db, [...new Set(rows.map((r) => r.workerId))]),
      this.readModels.findOpenings(db, [...new Set(rows.map((r) => r.openingId))]),
      this.readModels.suspendedEmployers(db, [...new Set(rows.map((r) => r.employerId))]),
    ]);
    return rows.map((a) => {
      const w = workers.get(a.workerId);
      const placementId = placements.get(a.id);
      const title = openings.get(a.openingId)?.title;
      return {
        id: a.id,
        workerId: a.workerId,
        openingId: a.openingId,
        employerId: a.employerId,
        ...(title ? { openingTitle: title } : {}),
        status: a.status,
        ...(a.referredBy ? { referredBy: a.referredBy } : {}),
        homeVillageCode: a.homeVillageCode,
        ...(w ? { worker: summaryOf(w) } : {}),
        contactVisible: contactVisible(a.status, suspended.has(a.employerId)),
        allowedMoves: allowedMoves(p.role, a.status, suspended.has(a.employerId)),
        ...(placementId ? { placementId } : {}),
        ...(a.interview
          ? {
              interview: {
                at: a.interview.at,
                place: a.interview.place,
                ...(a.interview.note ? { note: a.interview.note } : {}),
                revision: a.interview.revision,
                setBy: a.interview.by,
                setAt: a.interview.setAt,
              },
            }
          : {}),
        history: (history.get(a.id) ?? []).map(({ applicationId: _a, ...h }) => h),
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      };
    });
  }

  private today(): string {
    return this.ctx.calendar.today();
  }
}

/** What every party to an application may see of the worker: no phone, no ID number, no certificate numbers. */
export function summaryOf(w: WorkerRow): WorkerSummary {
  const villageName = regionShortName(w.homeVillageCode);
  return {
    id: w.id,
    name: w.name,
    gender: w.gender,
    homeVillageCode: w.homeVillageCode,
    ...(villageName ? { homeVillageName: villageName } : {}),
    householdStatus: w.householdStatus,
    relocated: w.relocated,
    skills: w.skills.map((s) => ({ code: s.code, level: s.level, certified: Boolean(s.certificateNo) })),
    employmentStatus: w.employmentStatus,
  };
}
