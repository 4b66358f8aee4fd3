import type { Queryable } from '@tongxin/db';
import type pg from 'pg';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { IntentRecord } from '../domain/records.ts';
import type { IntentStatus } from '../domain/schemas.ts';
import { intentSnapshot } from '../domain/snapshots.ts';
import { IntentRepository } from '../repositories/intent-repository.ts';

/** fulfilled once the hires reach the commitment; lapsed when the deadline passed short of it. */
export function intentStatus(committed: number, hired: number, deadline: string, today: string): IntentStatus {
  if (hired >= committed) return 'fulfilled';
  return deadline < today ? 'lapsed' : 'active';
}

/** Recounts an intent's hires and status, and announces a change (recruitment-intent.updated). */
@injectable()
export class IntentProgress {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(IntentRepository) private readonly intents: IntentRepository,
  ) {}

  /** `intent` must be locked by `tx`. */
  async refresh(tx: Queryable, intent: IntentRecord): Promise<IntentRecord> {
    const hired = await this.intents.countHired(tx, intent);
    const status = intentStatus(intent.committed, hired, intent.deadline, this.ctx.calendar.today());
    if (hired === intent.hired && status === intent.status) return intent;
    const updated = await this.intents.update(tx, intent.id, { hired, status });
    await this.announce(tx, 'recruitment-intent.updated', updated);
    return updated;
  }

  async announce(
    tx: Queryable,
    type: 'recruitment-intent.recorded' | 'recruitment-intent.updated',
    intent: IntentRecord,
  ): Promise<void> {
    await this.ctx.emit(tx as pg.ClientBase, type, intent.id, { intent: intentSnapshot(intent) });
  }
}
