import type { PoolClient } from '@tongxin/db';
import type { PlacementSnapshot } from '@tongxin/events';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { OpeningRecord } from '../domain/records.ts';
import { IntentRepository } from '../repositories/intent-repository.ts';
import { OpeningRepository } from '../repositories/opening-repository.ts';
import { PlacementRepository } from '../repositories/placement-repository.ts';
import { IntentProgress } from './intent-progress.ts';
import { OpeningLifecycle } from './opening-lifecycle.ts';

/** The part of the placement events' snapshot this service needs. */
export type PlacementFacts = Pick<PlacementSnapshot, 'id' | 'openingId' | 'employerId' | 'hiredAt'>;

/**
 * What hires and separations do to openings and intents. Each placement is remembered, so a
 * hire counts once and is uncounted once whatever the delivery order or repetition; the
 * opening row is locked, so two hires arriving together both count.
 */
@injectable()
export class PlacementEffects {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(PlacementRepository) private readonly placements: PlacementRepository,
    @inject(OpeningRepository) private readonly openings: OpeningRepository,
    @inject(IntentRepository) private readonly intents: IntentRepository,
    @inject(OpeningLifecycle) private readonly lifecycle: OpeningLifecycle,
    @inject(IntentProgress) private readonly progress: IntentProgress,
  ) {}

  /** placement.hired: one more place filled; `filled` at the headcount. */
  async hired(tx: PoolClient, p: PlacementFacts): Promise<void> {
    const fresh = await this.placements.insert(tx, {
      ...p,
      status: 'active',
    });
    if (!fresh) return; // already counted, or its separation came first
    const o = await this.openings.findById(tx, p.openingId, true);
    if (o) {
      const filledCount = o.filledCount + 1;
      const fills = filledCount >= o.headcount && (o.status === 'open' || o.status === 'paused');
      await this.lifecycle.change(tx, o, {
        filledCount,
        ...(fills ? { status: 'filled', pausedBySuspension: false } : {}),
      });
    }
    await this.refreshIntents(tx, p);
  }

  /**
   * placement.separated: the place is free again, whenever the separation happens (the
   * employer needs someone in it); a filled opening reopens unless its closing date passed.
   */
  async separated(tx: PoolClient, p: PlacementFacts, separatedAt: string): Promise<void> {
    const unseen = await this.placements.insert(tx, { ...p, status: 'separated', separatedAt });
    if (unseen) return; // never counted: nothing to undo, and a late hire event will be ignored
    const known = await this.placements.lock(tx, p.id);
    if (!known || known.status === 'separated') return;
    await this.placements.markSeparated(tx, p.id, separatedAt);
    const o = await this.openings.findById(tx, known.openingId, true);
    if (o) await this.lifecycle.change(tx, o, { filledCount: Math.max(0, o.filledCount - 1), ...this.reopen(o) });
    await this.refreshIntents(tx, { ...p, openingId: known.openingId, employerId: known.employerId });
  }

  private reopen(o: OpeningRecord): Partial<OpeningRecord> {
    if (o.status !== 'filled' || o.filledCount - 1 >= o.headcount) return {};
    if (o.closingDate && o.closingDate < this.ctx.calendar.today()) return { status: 'closed' };
    // A suspended employer's opening comes back paused, to resume with the verification.
    return o.employerStatus === 'verified' ? { status: 'open' } : { status: 'paused', pausedBySuspension: true };
  }

  private async refreshIntents(tx: PoolClient, p: PlacementFacts): Promise<void> {
    for (const intent of await this.intents.lockAffected(tx, p.employerId, p.openingId))
      await this.progress.refresh(tx, intent);
  }
}
