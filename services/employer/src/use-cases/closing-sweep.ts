import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { OpeningRecord } from '../domain/records.ts';
import { IntentRepository } from '../repositories/intent-repository.ts';
import { OpeningRepository } from '../repositories/opening-repository.ts';
import { IntentProgress } from './intent-progress.ts';
import { OpeningLifecycle } from './opening-lifecycle.ts';

const BATCH = 100;

/**
 * Closes openings whose closing date has passed (opening.closed) and lapses recruitment
 * intents past their deadline. Each one in its own short transaction, re-checked under lock,
 * so the periodic run, a reader's check and a concurrent edit cannot close anything twice.
 */
@injectable()
export class ClosingSweep {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(OpeningRepository) private readonly openings: OpeningRepository,
    @inject(IntentRepository) private readonly intents: IntentRepository,
    @inject(OpeningLifecycle) private readonly lifecycle: OpeningLifecycle,
    @inject(IntentProgress) private readonly progress: IntentProgress,
  ) {}

  /** Closes every opening that is due; returns how many it closed. */
  async closeDue(): Promise<number> {
    let closed = 0;
    for (;;) {
      const ids = await this.openings.dueForClosing(this.ctx.pool, this.ctx.calendar.today(), BATCH);
      for (const id of ids) if (await this.closeOne(id)) closed++;
      if (ids.length < BATCH) return closed;
    }
  }

  /** Closes one opening if it is still due; returns it as it stands afterwards. */
  async closeOne(id: string): Promise<OpeningRecord | undefined> {
    const today = this.ctx.calendar.today();
    return this.ctx.transaction(async (tx) => {
      const o = await this.openings.findById(tx, id, true);
      if (!o || !['open', 'paused', 'filled'].includes(o.status) || !o.closingDate || o.closingDate >= today) return o;
      return this.lifecycle.change(tx, o, { status: 'closed', pausedBySuspension: false });
    });
  }

  /** Lapses active intents past their deadline; returns how many. */
  async lapseDue(): Promise<number> {
    const ids = await this.intents.dueForLapse(this.ctx.pool, this.ctx.calendar.today(), BATCH);
    for (const id of ids) {
      await this.ctx.transaction(async (tx) => {
        const intent = await this.intents.findById(tx, id, true);
        if (intent) await this.progress.refresh(tx, intent);
      });
    }
    return ids.length;
  }

  /** One full pass; what the periodic timer runs. */
  async run(): Promise<number> {
    return (await this.closeDue()) + (await this.lapseDue());
  }
}
