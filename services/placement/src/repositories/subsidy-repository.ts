import {
  type Queryable,
  SqlParams,
  countedLimit,
  countedRows,
  regionScopeSql,
  whereSql,
  type Tables,
  tablesIn,
} from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { SubsidyStatus } from '../domain/schemas.ts';
import { TOKENS } from '../tokens.ts';

export interface SubsidyRecord {
  id: string;
  seq: number;
  ruleId: string;
  placementId: string;
  workerId: string;
  homeVillageCode: string;
  amount: number;
  status: SubsidyStatus;
  eligibleAt: string;
  approvedAt?: string;
  approvedBy?: string;
  paidAt?: string;
  paidBy?: string;
}

export interface SubsidyFilter {
  scope?: string[];
  workerId?: string;
  placementId?: string;
  ruleId?: string;
  status?: string;
  afterSeq?: number;
  limit: number;
}

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : undefined);

const toRecord = (r: Record<string, any>): SubsidyRecord => ({
  id: r.id,
  seq: Number(r.seq),
  ruleId: r.rule_id,
  placementId: r.placement_id,
  workerId: r.worker_id,
  homeVillageCode: r.home_village_code,
  amount: r.amount,
  status: r.status,
  eligibleAt: iso(r.eligible_at)!,
  ...(r.approved_at ? { approvedAt: iso(r.approved_at), approvedBy: r.approved_by } : {}),
  ...(r.paid_at ? { paidAt: iso(r.paid_at), paidBy: r.paid_by } : {}),
});

/** The subsidy ledger: `eligible → approved → paid`, one row per rule and placement. */
@injectable()
export class SubsidyRepository {
  readonly #t: Tables<'subsidies' | 'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'subsidies', 'workers');
  }

  /** Records eligibility unless this rule already produced a subsidy for this placement; undefined then. */
  async insertIfAbsent(
    db: Queryable,
    s: Pick<SubsidyRecord, 'id' | 'ruleId' | 'placementId' | 'workerId' | 'homeVillageCode' | 'amount'>,
    at: Date,
  ): Promise<SubsidyRecord | undefined> {
    const r = await db.query(
      `INSERT INTO ${this.#t.subsidies} (id, rule_id, placement_id, worker_id, home_village_code, amount, eligible_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (rule_id, placement_id) DO NOTHING RETURNING *`,
      [s.id, s.ruleId, s.placementId, s.workerId, s.homeVillageCode, s.amount, at],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  async findById(db: Queryable, id: string): Promise<SubsidyRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.subsidies} WHERE id = $1`, [id]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  /** Moves the subsidy only if it is still in `from`: two clerks paying at once pay once. */
  async transition(
    db: Queryable,
    id: string,
    from: SubsidyStatus,
    to: 'approved' | 'paid',
    by: string,
    at: Date,
  ): Promise<SubsidyRecord | undefined> {
    const col = to === 'approved' ? 'approved' : 'paid';
    const r = await db.query(
      `UPDATE ${this.#t.subsidies} SET status = $3, ${col}_at = $5, ${col}_by = $4 WHERE id = $1 AND status = $2 RETURNING *`,
      [id, from, to, by, at],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  /**
   * Subsidies in `scope` waiting for a step (eligible: approval; approved: payment), longest waiting
   * first, with the worker's name; `total` counts them all, whatever `limit` lists.
   */
  async waiting(
    db: Queryable,
    o: { scope?: string[]; limit: number },
  ): Promise<{ total: number; rows: (SubsidyRecord & { workerName?: string })[] }> {
    const args = new SqlParams();
    const where = whereSql([
      `s.status IN ('eligible', 'approved')`,
      o.scope && regionScopeSql('s.home_village_code', o.scope, args),
    ]);
    const r = await db.query(
      `SELECT s.*, w.name AS worker_name, count(*) OVER () AS total
       FROM ${this.#t.subsidies} s LEFT JOIN ${this.#t.workers} w ON w.id = s.worker_id
       ${where} ORDER BY COALESCE(s.approved_at, s.eligible_at), s.seq LIMIT ${args.add(countedLimit(o.limit))}`,
      args.values,
    );
    return countedRows(r.rows, o.limit, (row) => ({
      ...toRecord(row),
      ...(row.worker_name ? { workerName: row.worker_name } : {}),
    }));
  }

  async list(db: Queryable, f: SubsidyFilter): Promise<SubsidyRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.scope && regionScopeSql('home_village_code', f.scope, args),
      f.workerId ? `worker_id = ${args.add(f.workerId)}` : undefined,
      f.placementId ? `placement_id = ${args.add(f.placementId)}` : undefined,
      f.ruleId ? `rule_id = ${args.add(f.ruleId)}` : undefined,
      f.status ? `status = ${args.add(f.status)}` : undefined,
      f.afterSeq !== undefined ? `seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(
      `SELECT * FROM ${this.#t.subsidies} ${where} ORDER BY seq LIMIT ${args.add(f.limit)}`,
      args.values,
    );
    return r.rows.map(toRecord);
  }
}
