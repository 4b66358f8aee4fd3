import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import type { PoolClient } from '@tongxin/db';
import { type TongxinEvent, createEvent } from '@tongxin/events';
import { forbidden, invalidField, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import { isKnownRegion } from '@tongxin/regions';
import { inject, injectable } from 'tsyringe';
import type {
  ActivityInput,
  ActivityListQuery,
  ActivityView,
  ServiceListQuery,
  ServiceRecordInput,
  ServiceRecordView,
  WorkerLedgerQuery,
} from '../schemas.ts';
import { type Page, assertWriteScope, countsAsContact, isFamilyService, readScope, regionFilter } from '../rules.ts';
import type { WorkerRecord } from '../../registry/worker.ts';
import { type ActivityRecord, ActivityRepository } from '../activities/activity-repository.ts';
import { type NewServiceRecord, type ServiceRecord, ServiceRecordRepository } from './service-record-repository.ts';
import { WorkerRepository } from '../../registry/worker-repository.ts';
import { SOURCE } from '../../registry/worker-changes.ts';

/** `ledger.activity-recorded` of a stored activity (recorded, imported, or corrected by an import). */
export function activityRecordedEvent(stored: ActivityRecord): TongxinEvent {
  const { seq: _s, createdAt: _c, ...activity } = stored;
  return createEvent({ type: 'ledger.activity-recorded', source: SOURCE, subject: stored.id, data: { activity } });
}

/** ledger.service-recorded for a record as stored. */
export function serviceRecordedEvent(r: NewServiceRecord): TongxinEvent {
  return createEvent({
    type: 'ledger.service-recorded',
    source: SOURCE,
    subject: r.workerId,
    data: {
      record: {
        id: r.id,
        workerId: r.workerId,
        homeVillageCode: r.homeVillageCode,
        service: r.service,
        date: r.date,
        officerId: r.officerId,
        channel: r.channel,
        ...(r.note !== undefined ? { note: r.note } : {}),
        ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
        ...(r.department !== undefined ? { department: r.department } : {}),
        source: r.source,
      },
    },
  });
}

/** A family service names the department that delivered it; undefined when the record is right. */
export function departmentProblem(r: { service: string; department?: string | undefined }): string | undefined {
  if (isFamilyService(r.service) && !r.department) return 'names the department that delivered a family service';
  return undefined;
}

export const serviceView = (r: ServiceRecord): ServiceRecordView => {
  const { seq: _s, recordedBy: _r, ...rest } = r;
  return rest;
};

/** Who may read a worker's ledgers: the worker, officers of their village, administrators. */
export function canReadWorkerLedger(p: Principal, w: WorkerRecord): boolean {
  if (p.role === 'worker') return p.workerId === w.id;
  return inRegionScope(p, w.homeVillageCode);
}

/** The service ledger (服务台账) and the 六个一 activities. */
@injectable()
export class ServiceLedger {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(ServiceRecordRepository) private readonly records: ServiceRecordRepository,
    @inject(ActivityRepository) private readonly activities: ActivityRepository,
  ) {}

  async record(p: Principal, workerId: string, input: ServiceRecordInput): Promise<ServiceRecordView> {
    if (p.role !== 'officer' && p.role !== 'admin') throw forbidden('services are recorded by officers');
    if (p.role === 'officer' && input.officerId !== undefined && input.officerId !== p.sub) {
      throw invalidField('officerId', 'officers record services as themselves');
    }
    this.checkDate('date', input.date);
    const department = departmentProblem(input);
    if (department) throw invalidField('department', department);
    return this.ctx.transaction(async (tx) => {
      const worker = await this.workers.findById(tx, workerId);
      if (!worker || !canReadWorkerLedger(p, worker)) throw notFound('worker', workerId);
      assertWriteScope(p, worker.homeVillageCode, 'recording a service');
      const stored = await this.recordInTx(
        tx,
        worker,
        {
          service: input.service,
          date: input.date,
          officerId: input.officerId ?? p.sub,
          channel: input.channel,
          ...(input.note !== undefined ? { note: input.note } : {}),
          ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
          ...(input.department !== undefined ? { department: input.department } : {}),
          source: 'officer',
        },
        p.sub,
      );
      return serviceView({ ...stored, workerName: worker.name });
    });
  }

  /** Writes one record, its event and the worker's last contact, in the caller's transaction (HTTP and consumers). */
  async recordInTx(
    tx: PoolClient,
    worker: WorkerRecord,
    entry: Omit<NewServiceRecord, 'id' | 'workerId' | 'homeVillageCode' | 'recordedBy'>,
    recordedBy: string,
  ): Promise<ServiceRecord> {
    const record: NewServiceRecord = {
      id: randomUUID(),
      workerId: worker.id,
      homeVillageCode: worker.homeVillageCode,
      recordedBy,
      ...entry,
    };
    const stored = await this.records.insert(tx, record);
    await this.ctx.outbox.add(tx, serviceRecordedEvent(record));
    if (countsAsContact(record)) await this.workers.touchLastContact(tx, [worker.id], [record.date]);
    return stored;
  }

  async listForWorker(p: Principal, workerId: string, q: WorkerLedgerQuery): Promise<Page<ServiceRecordView>> {
    const worker = await this.workers.findById(this.ctx.pool, workerId);
    if (!worker || !canReadWorkerLedger(p, worker)) throw notFound('worker', workerId);
    return pageBySeq(q, (window) => this.records.list(this.ctx.pool, { workerId, ...window }), serviceView);
  }

  async list(p: Principal, q: ServiceListQuery): Promise<Page<ServiceRecordView>> {
    const scope = readScope(p);
    const region = regionFilter(q);
    return pageBySeq(
      q,
      (window) =>
        this.records.list(this.ctx.pool, {
          ...(scope ? { scope } : {}),
          ...(region ? { regionPrefix: region } : {}),
          ...(q.officerId ? { officerId: q.officerId } : {}),
          ...(q.service ? { service: q.service } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...window,
        }),
      serviceView,
    );
  }

  async recordActivity(p: Principal, input: ActivityInput): Promise<ActivityView> {
    if (!isKnownRegion(input.regionCode)) throw invalidField('regionCode', 'is not a known region code');
    assertWriteScope(p, input.regionCode, 'recording an activity');
    this.checkDate('date', input.date);
    return this.ctx.transaction(async (tx) => {
      const stored = await this.activities.insert(tx, { id: randomUUID(), officerId: p.sub, ...input });
      await this.ctx.outbox.add(tx, activityRecordedEvent(stored));
      const { seq: _q, ...view } = stored;
      return view;
    });
  }

  async listActivities(p: Principal, q: ActivityListQuery): Promise<Page<ActivityView>> {
    const scope = readScope(p);
    return pageBySeq(
      q,
      (window) =>
        this.activities.list(this.ctx.pool, {
          ...(scope ? { scope } : {}),
          ...(q.region ? { regionPrefix: q.region } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.officerId ? { officerId: q.officerId } : {}),
          newestFirst: q.order === 'newest',
          ...window,
        }),
      ({ seq: _s, ...v }) => v,
    );
  }

  private checkDate(field: string, date: string): void {
    const today = this.ctx.calendar.today();
    if (date > today) throw invalidField(field, 'is in the future');
    if (date < '2000-01-01') throw invalidField(field, 'is before 2000');
  }
}
