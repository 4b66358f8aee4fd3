import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

export interface StoredJob {
  id: string;
  ledger: string;
  mode: string;
  status: string;
  fileName?: string;
  total: number;
  processed: number;
  report?: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  finishedAt?: string;
}

/** Finished import jobs and their reports. */
@injectable()
export class ImportJobRepository {
  readonly #t: Tables<'import_jobs' | 'import_uploads'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'import_jobs', 'import_uploads');
  }

  /** Keeps the (encrypted) upload of a job until `expiresAt`, and drops the uploads already expired. */
  async saveUpload(db: Queryable, jobId: string, bodyEnc: Buffer, expiresAt: Date): Promise<void> {
    await db.query(`DELETE FROM ${this.#t.import_uploads} WHERE expires_at <= now()`);
    await db.query(
      `INSERT INTO ${this.#t.import_uploads} (job_id, body_enc, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (job_id) DO UPDATE SET body_enc = EXCLUDED.body_enc, expires_at = EXCLUDED.expires_at`,
      [jobId, bodyEnc, expiresAt],
    );
  }

  /** The stored upload of a job, unless it has expired. */
  async findUpload(db: Queryable, jobId: string): Promise<Buffer | undefined> {
    const r = await db.query(
      `SELECT body_enc FROM ${this.#t.import_uploads} WHERE job_id = $1 AND expires_at > now()`,
      [jobId],
    );
    return (r.rows[0] as { body_enc: Buffer } | undefined)?.body_enc;
  }

  async save(db: Queryable, j: StoredJob): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.import_jobs} (id, ledger, mode, status, file_name, total, processed, report, created_by, created_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, processed = EXCLUDED.processed, report = EXCLUDED.report, finished_at = EXCLUDED.finished_at`,
      [
        j.id,
        j.ledger,
        j.mode,
        j.status,
        j.fileName ?? null,
        j.total,
        j.processed,
        j.report ? JSON.stringify(j.report) : null,
        j.createdBy,
        j.createdAt,
        j.finishedAt ?? null,
      ],
    );
  }

  async find(db: Queryable, id: string): Promise<StoredJob | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.import_jobs} WHERE id = $1`, [id]);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return {
      id: row.id as string,
      ledger: row.ledger as string,
      mode: row.mode as string,
      status: row.status as string,
      ...(row.file_name ? { fileName: row.file_name as string } : {}),
      total: row.total as number,
      processed: row.processed as number,
      ...(row.report ? { report: row.report as Record<string, unknown> } : {}),
      createdBy: row.created_by as string,
      createdAt: (row.created_at as Date).toISOString(),
      ...(row.finished_at ? { finishedAt: (row.finished_at as Date).toISOString() } : {}),
    };
  }

  /** Jobs a restart interrupted: their transaction rolled back, so nothing of them was written. */
  async failInterrupted(db: Queryable): Promise<void> {
    await db.query(`UPDATE ${this.#t.import_jobs} SET status = 'failed', finished_at = now() WHERE status = 'running'`);
  }
}
