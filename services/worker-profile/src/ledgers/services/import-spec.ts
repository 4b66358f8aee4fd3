import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { SERVICE_COLUMNS } from '../../imports/columns.ts';
import {
  type KeyedImportSpec,
  type Parsed,
  type Write,
  idNumberCell,
  matchByKey,
} from '../../imports/import-pipeline.ts';
import { CHANNEL, SERVICE } from '../../imports/labels.ts';
import type { RowReader } from '../../imports/row-reader.ts';
import { schemaCheck } from '../../imports/schema-check.ts';
import { WorkerRepository } from '../../registry/worker-repository.ts';
import { countsAsContact } from '../rules.ts';
import { type ServiceKind, ServiceRecordInput } from '../schemas.ts';
import { departmentProblem, serviceRecordedEvent } from './service-ledger.ts';
import { type NewServiceRecord, type ServiceRecord, ServiceRecordRepository } from './service-record-repository.ts';

const serviceKey = (r: { workerId: string; service: string; date: string; channel: string; note?: string }) =>
  `${r.workerId}|${r.service}|${r.date}|${r.channel}|${r.note ?? ''}`;

const checkInput = schemaCheck(ServiceRecordInput);

/** The service ledger's import: records match on (worker, service, date, channel, content); a new result is an update. */
@injectable()
export class ServiceImportSpec implements KeyedImportSpec<NewServiceRecord, ServiceRecord> {
  readonly columns = SERVICE_COLUMNS;

  constructor(
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(ServiceRecordRepository) private readonly services: ServiceRecordRepository,
  ) {}

  readonly idNumbers = idNumberCell;

  parse(r: RowReader): NewServiceRecord | undefined {
    const w = r.worker(r.cell('idNumber'), r.cell('name'));
    const service = r.required(SERVICE, 'service');
    const date = r.requiredPastDate('date');
    const channel = r.required(CHANNEL, 'channel');
    const note = r.text('note', 1000);
    const outcome = r.text('outcome', 500);
    const officerId = r.text('officerId', 64) || r.ctx.principal.sub;
    const department = r.text('department', 50);
    if (!w || !service || !date || !channel) return undefined;
    return {
      id: randomUUID(),
      workerId: w.id,
      homeVillageCode: w.homeVillageCode,
      service: service as ServiceKind,
      date,
      channel,
      officerId,
      ...(note ? { note } : {}),
      ...(outcome ? { outcome } : {}),
      ...(department ? { department } : {}),
      source: 'import',
      recordedBy: r.ctx.principal.sub,
    };
  }

  schemaErrors(rec: NewServiceRecord) {
    const { service, date, channel, note, outcome, officerId, department } = rec;
    const problem = departmentProblem(rec);
    return [
      ...checkInput({ service, date, channel, note, outcome, officerId, department }),
      ...(problem ? [{ key: 'department', message: problem }] : []),
    ];
  }

  readonly repeats = {
    key: serviceKey,
    problem: (first: number) => ({
      key: 'note',
      message: `repeats row ${first} (same worker, service, date, channel and content)`,
    }),
  };

  async existing(db: Pool, records: NewServiceRecord[]): Promise<Map<string, ServiceRecord>> {
    const stored = await this.services.forWorkers(db, [...new Set(records.map((r) => r.workerId))]);
    return new Map(stored.map((r) => [serviceKey(r), r]));
  }

  classify(rows: Parsed<NewServiceRecord>[], existing: Map<string, ServiceRecord>) {
    return matchByKey(rows, existing, serviceKey, (old, rec) => (old.outcome ?? '') === (rec.outcome ?? ''));
  }

  async write(tx: PoolClient, plan: Write<NewServiceRecord, ServiceRecord>[]): Promise<TongxinEvent[]> {
    const inserts = plan.filter((w) => !w.old).map((w) => w.value);
    for (let i = 0; i < inserts.length; i += 2000) await this.services.insertMany(tx, inserts.slice(i, i + 2000));
    const events = inserts.map(serviceRecordedEvent);
    for (const { value, old } of plan) {
      if (old) events.push(serviceRecordedEvent(await this.services.setOutcome(tx, old.id, value.outcome)));
    }
    const contacts = inserts.filter(countsAsContact);
    await this.workers.touchLastContact(
      tx,
      contacts.map((r) => r.workerId),
      contacts.map((r) => r.date),
    );
    return events;
  }
}
