import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { Channel, ServiceKind } from '../schemas.ts';
import { TOKENS } from '../../tokens.ts';

/** A service delivered to a worker (服务台账), as stored. */
export interface ServiceRecord {
  id: string;
  seq: number;
  workerId: string;
  workerName?: string;
  homeVillageCode: string;
  service: ServiceKind;
  date: string;
  officerId: string;
  channel: Channel;
  note?: string;
  outcome?: string;
  department?: string;
  source: 'officer' | 'event' | 'import';
  recordedBy: string;
  createdAt: string;
}
export type NewServiceRecord = Omit<ServiceRecord, 'seq' | 'createdAt' | 'workerName'>;

export interface ServiceRecordFilter {
  workerId?: string;
  scope?: string[];
  regionPrefix?: string;
  officerId?: string;
  service?: string;
  from?: string;
  to?: string;
  afterSeq?: number;
  limit: number;
}

type Row = Record<string, unknown>;
const toRecord = (r: Row): ServiceRecord => ({
  id: r.id as string,
  seq: r.seq as number,
  workerId: r.worker_id as string,
  ...(r.worker_name ? { workerName: r.worker_name as string } : {}),
  homeVillageCode: r.home_village_code as string,
  service: r.service as ServiceKind,
  date: r.date as string,
  officerId: r.officer_id as string,
  channel: r.channel as Channel,
  ...(r.note !== null ? { note: r.note as string } : {}),
  ...(r.outcome !== null ? { outcome: r.outcome as string } : {}),
  ...(r.department !== null && r.department !== undefined ? { department: r.department as string } : {}),
  source: r.source as ServiceRecord['source'],
  recordedBy: r.recorded_by as string,
  createdAt: (r.created_at as Date).toISOString(),
});

const COLS = [
  'id',
  'worker_id',
  'home_village_code',
  'service',
  'date',
  'officer_id',
  'channel',
  'note',
  'outcome',
  'source',
  'recorded_by',
  'department',
];
const TYPES = ['uuid', 'uuid', 'text', 'text', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];
const values = (r: NewServiceRecord): unknown[] => [
  r.id,
  r.workerId,
  r.homeVillageCode,
  r.service,
  r.date,
  r.officerId,
  r.channel,
  r.note ?? null,
  r.outcome ?? null,
  r.source,
  r.recordedBy,
  r.department ?? null,
];

/** SQL of the service ledger. */
@injectable()
export class ServiceRecordRepository {
  readonly #t: Tables<'service_records' | 'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'service_records', 'workers');
  }

  async insert(db: Queryable, r: NewServiceRecord): Promise<ServiceRecord> {
    const res = await db.query(
      `INSERT INTO ${this.#t.service_records} (${COLS.join(', ')}) VALUES (${COLS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      values(r),
    );
    return toRecord(res.rows[0] as Row);
  }

  /** Many records in one statement (imports). */
  async insertMany(db: Queryable, records: NewServiceRecord[]): Promise<void> {
    if (records.length === 0) return;
    const columns = COLS.map((_, i) => records.map((r) => values(r)[i]));
    await db.query(
      `INSERT INTO ${this.#t.service_records} (${COLS.join(', ')}) SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
      columns,
    );
  }

  /** Records of these workers, for matching imported rows on (worker, service, date, channel, note). */
  async forWorkers(db: Queryable, workerIds: string[]): Promise<ServiceRecord[]> {
    if (workerIds.length === 0) return [];
    const r = await db.query(`SELECT * FROM ${this.#t.service_records} WHERE worker_id = ANY($1::uuid[])`, [workerIds]);
    return r.rows.map((row) => toRecord(row as Row));
  }

  /** Every record under the prefixes with the worker's name (exports), by worker then date. */
  async listInRegion(db: Queryable, prefixes: string[]): Promise<ServiceRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `SELECT s.*, w.name AS worker_name FROM ${this.#t.service_records} s JOIN ${this.#t.workers} w ON w.id = s.worker_id
       WHERE ${regionScopeSql('s.home_village_code', prefixes, params)} ORDER BY s.home_village_code, s.worker_id, s.date, s.seq`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  async setOutcome(db: Queryable, id: string, outcome: string | undefined): Promise<ServiceRecord> {
    const r = await db.query(`UPDATE ${this.#t.service_records} SET outcome = $2 WHERE id = $1 RETURNING *`, [
      id,
      outcome ?? null,
    ]);
    return toRecord(r.rows[0] as Row);
  }

  async list(db: Queryable, f: ServiceRecordFilter): Promise<ServiceRecord[]> {
    const where: string[] = [];
    const params = new SqlParams();
    const arg = (v: unknown) => params.add(v);
    if (f.workerId) where.push(`s.worker_id = ${arg(f.workerId)}`);
    if (f.scope) where.push(regionScopeSql('s.home_village_code', f.scope, params));
    if (f.regionPrefix) where.push(`s.home_village_code LIKE ${arg(`${f.regionPrefix}%`)}`);
    if (f.officerId) where.push(`s.officer_id = ${arg(f.officerId)}`);
    if (f.service) where.push(`s.service = ${arg(f.service)}`);
    if (f.from) where.push(`s.date >= ${arg(f.from)}`);
    if (f.to) where.push(`s.date <= ${arg(f.to)}`);
    if (f.afterSeq !== undefined) where.push(`s.seq > ${arg(f.afterSeq)}`);
    const r = await db.query(
      `SELECT s.*, w.name AS worker_name FROM ${this.#t.service_records} s JOIN ${this.#t.workers} w ON w.id = s.worker_id
       ${whereSql(where)} ORDER BY s.seq LIMIT ${arg(f.limit)}`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }
}
