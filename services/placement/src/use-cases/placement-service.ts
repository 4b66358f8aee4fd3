import type { Principal } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import { forbidden, invalidField, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import type pg from 'pg';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import { FOLLOW_UP_DAYS, addDays, followUpState } from '../domain/follow-up-schedule.ts';
import { maySee, regionScopeOf } from '../domain/scope.ts';
import type {
  FollowUpInput,
  FollowUpView,
  PlacementListQuery,
  PlacementView,
  SeparationInput,
} from '../domain/schemas.ts';
import { placementSnapshot } from '../domain/snapshots.ts';
import { followUpNotDue, followUpRecorded, noFollowUpAfterSeparation, placementSeparated } from '../errors.ts';
import {
  type FollowUpRecord,
  type PlacementRecord,
  PlacementRepository,
} from '../repositories/placement-repository.ts';
import { ReadModelRepository } from '../repositories/read-model-repository.ts';
import { SubsidyService } from './subsidy-service.ts';

/** Placements after the hire: follow-ups at 30, 90 and 180 days, separation, and what they trigger. */
@injectable()
export class PlacementService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(PlacementRepository) private readonly placements: PlacementRepository,
    @inject(ReadModelRepository) private readonly readModels: ReadModelRepository,
    @inject(SubsidyService) private readonly subsidies: SubsidyService,
  ) {}

  async list(p: Principal, q: PlacementListQuery): Promise<{ items: PlacementView[]; nextCursor?: string }> {
    if (p.role === 'employer' && !p.employerId) return { items: [] };
    if (p.role === 'worker' && !p.workerId) return { items: [] };
    if (q.due && q.overdue) throw invalidField('overdue', 'ask for due or overdue follow-ups, not both');
    const page = await pageBySeq(
      q,
      (window) =>
        this.placements.list(this.ctx.pool, {
          ...(p.role === 'officer' ? { scope: regionScopeOf(p) } : {}),
          ...(p.role === 'employer' ? { employerId: p.employerId } : q.employerId ? { employerId: q.employerId } : {}),
          ...(p.role === 'worker' ? { workerId: p.workerId } : q.workerId ? { workerId: q.workerId } : {}),
          ...(q.officer ? { officer: q.officer } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.tier ? { tier: q.tier } : {}),
          ...(q.due || q.overdue
            ? {
                followUp: {
                  state: q.due ? ('due' as const) : ('overdue' as const),
                  today: this.today(),
                  graceDays: this.ctx.config.FOLLOW_UP_GRACE_DAYS,
                },
              }
            : {}),
          ...window,
        }),
      (r) => r,
    );
    return { ...page, items: await this.views(this.ctx.pool, page.items) };
  }

  async get(p: Principal, id: string): Promise<PlacementView> {
    const placement = await this.placements.findById(this.ctx.pool, id);
    if (!placement || !maySee(p, placement)) throw notFound('placement', id);
    return (await this.views(this.ctx.pool, [placement]))[0]!;
  }

  /**
   * Records the follow-up of `day` (officers in scope, administrators). Unpaid wages are announced
   * (worker-profile opens a `rights` record); `stillEmployed: false` ends the placement; a
   * confirmed stay may make a subsidy eligible.
   */
  async followUp(p: Principal, id: string, input: FollowUpInput): Promise<PlacementView> {
    if (input.stillEmployed && (input.reason !== undefined || input.separatedAt !== undefined)) {
      throw invalidField(
        input.reason !== undefined ? 'reason' : 'separatedAt',
        'only a follow-up reporting the worker left has a separation',
      );
    }
    const now = this.ctx.clock();
    const today = this.today();
    const updated = await this.ctx.transaction(async (tx) => {
      const placement = await this.lockForCaseWork(tx, p, id, false);
      if (placement.status !== 'active') throw noFollowUpAfterSeparation(placement.separatedAt);
      const dueDate = addDays(placement.startDate, input.day);
      if (today < dueDate) throw followUpNotDue(input.day, dueDate);
      const followUp = {
        day: input.day,
        stillEmployed: input.stillEmployed,
        wagesPaidOnTime: input.wagesPaidOnTime,
        ...(input.note ? { note: input.note } : {}),
        at: now.toISOString(),
        by: p.sub,
      };
      const recorded = await this.placements.insertFollowUp(tx, { placementId: id, ...followUp });
      if (!recorded) throw followUpRecorded(input.day);
      await this.ctx.emit(tx, 'placement.followed-up', id, {
        placementId: id,
        workerId: placement.workerId,
        employerId: placement.employerId,
        openingId: placement.openingId,
        ...followUp,
      });
      // Unpaid wages are a rights case: the worker's village officer hears of it.
      if (!input.wagesPaidOnTime) {
        await this.ctx.emit(tx, 'placement.wages-unpaid', id, {
          placementId: id,
          workerId: placement.workerId,
          village: placement.homeVillageCode,
          employerId: placement.employerId,
          openingId: placement.openingId,
          day: input.day,
          ...(input.note ? { note: input.note } : {}),
          reportedAt: followUp.at,
        });
      }
      await this.readModels.recordContact(tx, placement.workerId, today);
      if (!input.stillEmployed) {
        return this.endPlacement(tx, placement, input.reason ?? 'left_job', input.separatedAt ?? today);
      }
      const worker = await this.readModels.findWorker(tx, placement.workerId);
      if (worker) await this.subsidies.onFollowUp(tx, placement, worker, input.day);
      return placement;
    });
    return (await this.views(this.ctx.pool, [updated]))[0]!;
  }

  /** The worker left the job: by the worker's officer, an administrator or the employer. */
  async separate(p: Principal, id: string, input: SeparationInput): Promise<PlacementView> {
    const updated = await this.ctx.transaction(async (tx) => {
      const placement = await this.lockForCaseWork(tx, p, id, true);
      if (placement.status !== 'active') throw placementSeparated(placement.separatedAt);
      if (p.role === 'officer') await this.readModels.recordContact(tx, placement.workerId, this.today());
      return this.endPlacement(tx, placement, input.reason, input.separatedAt ?? this.today());
    });
    return (await this.views(this.ctx.pool, [updated]))[0]!;
  }

  private async endPlacement(
    tx: pg.PoolClient,
    placement: PlacementRecord,
    reason: string,
    date: string,
  ): Promise<PlacementRecord> {
    if (date < placement.startDate)
      throw invalidField('separatedAt', `is before the start date ${placement.startDate}`);
    if (date > this.today()) throw invalidField('separatedAt', 'is in the future');
    const separated = await this.placements.separate(tx, placement.id, date, reason);
    await this.placements.releasePlace(tx, placement.openingId);
    await this.ctx.emit(tx, 'placement.separated', placement.id, {
      placement: placementSnapshot(separated),
      reason,
      separatedAt: date,
    });
    return separated;
  }

  private async lockForCaseWork(
    tx: pg.PoolClient,
    p: Principal,
    id: string,
    employerMay: boolean,
  ): Promise<PlacementRecord> {
    const placement = await this.placements.findById(tx, id, true);
    if (!placement || !maySee(p, placement)) throw notFound('placement', id);
    const allowed = p.role === 'admin' || p.role === 'officer' || (employerMay && p.role === 'employer');
    if (!allowed)
      throw forbidden(
        employerMay ? 'workers report leaving a job to their officer' : 'follow-ups are recorded by officers',
      );
    return placement;
  }

  private async views(db: Queryable, rows: PlacementRecord[]): Promise<PlacementView[]> {
    const [followUps, workers, openings] = await Promise.all([
      this.placements.followUpsOf(
        db,
        rows.map((r) => r.id),
      ),
      this.readModels.findWorkers(db, [...new Set(rows.map((r) => r.workerId))]),
      this.readModels.findOpenings(db, [...new Set(rows.map((r) => r.openingId))]),
    ]);
    const today = this.today();
    return rows.map(({ seq: _seq, hiredBy: _h, ...pl }) => {
      const w = workers.get(pl.workerId);
      const o = openings.get(pl.openingId);
      const done = new Map((followUps.get(pl.id) ?? []).map((f) => [f.day, f]));
      return {
        ...pl,
        ...(w ? { workerName: w.name, ...(w.officerId ? { officerId: w.officerId } : {}) } : {}),
        ...(o ? { openingTitle: o.title, employerName: o.employerName } : {}),
        followUps: FOLLOW_UP_DAYS.map((day) => this.followUpView(pl, day, done.get(day), today)),
      };
    });
  }

  private followUpView(
    pl: Omit<PlacementRecord, 'seq' | 'hiredBy'>,
    day: number,
    f: FollowUpRecord | undefined,
    today: string,
  ): FollowUpView {
    const dueDate = addDays(pl.startDate, day);
    return {
      day,
      dueDate,
      state: followUpState(dueDate, today, this.ctx.config.FOLLOW_UP_GRACE_DAYS, Boolean(f), pl.separatedAt),
      ...(f
        ? {
            stillEmployed: f.stillEmployed,
            wagesPaidOnTime: f.wagesPaidOnTime,
            ...(f.note ? { note: f.note } : {}),
            at: f.at,
            by: f.by,
          }
        : {}),
    };
  }

  private today(): string {
    return this.ctx.calendar.today();
  }
}
