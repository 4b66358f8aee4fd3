import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

export interface FailedImport {
  id: string;
  ledger: string;
  status: string;
  fileName?: string;
  invalid: number;
  total: number;
  /** The error workbook's path while the upload is kept. */
  errorWorkbook?: string;
  createdBy: string;
  finishedAt: string;
}

/** Imports that ended with errors, for the worklist: read from the import jobs (ADR 0015). */
@injectable()
export class ImportErrorsRepository {
  readonly #t: Tables<'import_jobs' | 'import_uploads'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'import_jobs', 'import_uploads');
  }

  /**
   * Jobs finished since `since` that failed, were refused, or refused rows, and that no later clean
   * import of the same ledger by the same account has superseded; of one account, or all.
   */
  async unresolved(db: Queryable, since: Date, createdBy: string | undefined, limit: number): Promise<FailedImport[]> {
    const r = await db.query(
      `SELECT j.id, j.ledger, j.status, j.file_name, j.total, j.created_by, j.finished_at,
              coalesce((j.report->>'invalid')::int, 0) AS invalid,
              CASE WHEN u.job_id IS NOT NULL THEN j.report->>'errorWorkbook' END AS error_workbook
         FROM ${this.#t.import_jobs} j
         LEFT JOIN ${this.#t.import_uploads} u ON u.job_id = j.id AND u.expires_at > now()
        WHERE j.finished_at >= $1
          AND ($2::text IS NULL OR j.created_by = $2)
          AND (j.status IN ('failed', 'rejected') OR coalesce((j.report->>'invalid')::int, 0) > 0)
          AND NOT EXISTS (
            SELECT 1 FROM ${this.#t.import_jobs} k
             WHERE k.ledger = j.ledger AND k.created_by = j.created_by AND k.created_at > j.created_at
               AND k.status = 'completed' AND coalesce((k.report->>'invalid')::int, 0) = 0)
        ORDER BY j.finished_at
        LIMIT $3`,
      [since, createdBy ?? null, limit],
    );
    return r.rows.map((row: Record<string, unknown>) => ({
      id: row.id as string,
      ledger: row.ledger as string,
      status: row.status as string,
      ...(row.file_name ? { fileName: row.file_name as string } : {}),
      invalid: Number(row.invalid),
      total: Number(row.total),
      ...(row.error_workbook ? { errorWorkbook: row.error_workbook as string } : {}),
      createdBy: row.created_by as string,
      finishedAt: (row.finished_at as Date).toISOString(),
    }));
  }
}
