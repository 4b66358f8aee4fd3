import type { PoolClient } from '@tongxin/db';
import { type TongxinEvent, createEvent } from '@tongxin/events';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { Skill } from './schemas.ts';
import { type WorkerRecord, snapshotOf } from './worker.ts';
import { WorkerRepository } from './worker-repository.ts';

export const SOURCE = '/tongxin/worker-profile';

/** The events that tell other services a worker changed: worker.updated, and worker.skills-changed when skills did. */
export function workerChangeEvents(
  before: WorkerRecord,
  after: WorkerRecord,
  changed: string[],
  reason: 'edited' | 'training' | 'import',
): TongxinEvent[] {
  const events: TongxinEvent[] = [];
  if (changed.includes('skills')) {
    events.push(
      createEvent({
        type: 'worker.skills-changed',
        source: SOURCE,
        subject: after.id,
        data: { workerId: after.id, skills: after.skills, previous: before.skills, reason },
      }),
    );
  }
  events.push(
    createEvent({
      type: 'worker.updated',
      source: SOURCE,
      subject: after.id,
      data: { worker: snapshotOf(after), changed },
    }),
  );
  return events;
}

/**
 * Changes a registry record on behalf of an event (training, placement) inside the consumer's
 * transaction, with the same events an officer's edit emits.
 */
@injectable()
export class WorkerChanges {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
  ) {}

  async apply(
    tx: PoolClient,
    current: WorkerRecord,
    fields: Partial<WorkerRecord>,
    reason: 'edited' | 'training' | 'import' = 'edited',
  ): Promise<WorkerRecord> {
    const changed = Object.keys(fields).filter(
      (k) => JSON.stringify(Reflect.get(current, k)) !== JSON.stringify((fields as Record<string, unknown>)[k]),
    );
    if (changed.length === 0) return current;
    const updated = await this.workers.update(tx, current.id, fields);
    for (const e of workerChangeEvents(current, updated, changed, reason)) await this.ctx.outbox.add(tx, e);
    return updated;
  }
}

/**
 * Adds the skills a training reached, or raises a lower level; never lowers one. The certificate
 * goes on every skill the course taught at a level it raised or newly added, and on a skill at the
 * same level that had none.
 */
export function mergeTrainedSkills(
  current: Skill[],
  trained: { code: string; level: number }[],
  certificateNo?: string,
): Skill[] {
  const skills = current.map((s) => ({ ...s }));
  for (const t of trained) {
    const level = Math.min(5, Math.max(1, Math.trunc(t.level)));
    const existing = skills.find((s) => s.code === t.code);
    if (!existing) {
      skills.push({ code: t.code, level, ...(certificateNo ? { certificateNo } : {}) });
    } else if (level > existing.level) {
      existing.level = level;
      if (certificateNo) existing.certificateNo = certificateNo;
    } else if (level === existing.level && certificateNo && !existing.certificateNo) {
      existing.certificateNo = certificateNo;
    }
  }
  return skills;
}
