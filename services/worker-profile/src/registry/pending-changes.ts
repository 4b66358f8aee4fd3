import { randomUUID } from 'node:crypto';
import { type Queryable, SqlParams, regionScopeSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

/** A change a worker proposed to their own record, awaiting their officer (ADR 0020). */
export interface PendingChange {
  id: string;
  workerId: string;
  field: 'phone';
  valueEnc: string;
  valueHash: string;
  valueMasked: string;
  proposedBy: string;
  proposedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  outcome?: 'confirmed' | 'declined';
}

type Row = Record<string, unknown>;
const toChange = (r: Row): PendingChange => ({
  id: r.id as string,
  workerId: r.worker_id as string,
  field: r.field as 'phone',
  valueEnc: r.value_enc as string,
  valueHash: r.value_hash as string,
  valueMasked: r.value_masked as string,
  proposedBy: r.proposed_by as string,
  proposedAt: (r.proposed_at as Date).toISOString(),
  ...(r.decided_by ? { decidedBy: r.decided_by as string } : {}),
  ...(r.decided_at ? { decidedAt: (r.decided_at as Date).toISOString() } : {}),
  ...(r.outcome ? { outcome: r.outcome as 'confirmed' | 'declined' } : {}),
});

/** SQL of the pending changes; schema-qualified. */
@injectable()
export class PendingChangeRepository {
  readonly #t: Tables<'pending_changes' | 'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'pending_changes', 'workers');
  }

  /**
   * Records the proposal, or replaces the value of the undecided one for that field. The same
   * value proposed again changes nothing (not even the time of the proposal).
   */
  async propose(
    db: Queryable,
    c: Pick<PendingChange, 'workerId' | 'field' | 'valueEnc' | 'valueHash' | 'valueMasked' | 'proposedBy'>,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.pending_changes} (id, worker_id, field, value_enc, value_hash, value_masked, proposed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (worker_id, field) WHERE outcome IS NULL DO UPDATE
         SET value_enc = EXCLUDED.value_enc, value_hash = EXCLUDED.value_hash, value_masked = EXCLUDED.value_masked,
             proposed_by = EXCLUDED.proposed_by, proposed_at = now()
         WHERE ${this.#t.pending_changes}.value_hash <> EXCLUDED.value_hash`,
      [randomUUID(), c.workerId, c.field, c.valueEnc, c.valueHash, c.valueMasked, c.proposedBy],
    );
  }

  /** The undecided proposals of these workers, oldest first. */
  async openFor(db: Queryable, workerIds: string[]): Promise<PendingChange[]> {
    if (workerIds.length === 0) return [];
    const r = await db.query(
      `SELECT * FROM ${this.#t.pending_changes} WHERE worker_id = ANY($1::uuid[]) AND outcome IS NULL ORDER BY proposed_at, id`,
      [workerIds],
    );
    return r.rows.map((row) => toChange(row as Row));
  }

  /**
   * The undecided proposals of the workers of these region prefixes (all when undefined), oldest
   * first, with the worker's name and village: the officer's worklist.
   */
  async openInScope(
    db: Queryable,
    scope: string[] | undefined,
    limit: number,
  ): Promise<(PendingChange & { workerName: string; village: string })[]> {
    const params = new SqlParams();
    const where = scope ? `AND ${regionScopeSql('w.home_village_code', scope, params)}` : '';
    const r = await db.query(
      `SELECT c.*, w.name AS worker_name, w.home_village_code FROM ${this.#t.pending_changes} c
       JOIN ${this.#t.workers} w ON w.id = c.worker_id
       WHERE c.outcome IS NULL ${where} ORDER BY c.proposed_at, c.id LIMIT ${params.add(limit)}`,
      params.values,
    );
    return r.rows.map((row) => ({
      ...toChange(row as Row),
      workerName: (row as Row).worker_name as string,
      village: (row as Row).home_village_code as string,
    }));
  }

  async find(db: Queryable, workerId: string, id: string, forUpdate = false): Promise<PendingChange | undefined> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.pending_changes} WHERE id = $1 AND worker_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [id, workerId],
    );
    return r.rows[0] ? toChange(r.rows[0] as Row) : undefined;
  }

  async decide(db: Queryable, id: string, outcome: 'confirmed' | 'declined', by: string): Promise<void> {
    await db.query(
      `UPDATE ${this.#t.pending_changes} SET outcome = $2, decided_by = $3, decided_at = now() WHERE id = $1`,
      [id, outcome, by],
    );
  }
}
