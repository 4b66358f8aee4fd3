import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { ProblemError, forbidden, notFound, ServiceContext } from '@tongxin/service-platform';
import { importBusy } from '../errors.ts';
import type { FastifyBaseLogger } from 'fastify';
import { inject, injectable } from 'tsyringe';
import type { WorkerProfileConfig } from '../config.ts';
import { ImportJobRepository } from './import-job-repository.ts';
import type { Ledger } from './columns.ts';
import { type Sheet, readSheet } from './sheet/read-sheet.ts';
import { uploadedFile } from './sheet/upload.ts';
import { TOKENS } from '../tokens.ts';
import type { ImportMode, ImportOutcome } from './import-types.ts';
import { LedgerImports } from './ledger-imports.ts';
import { AuditLog } from '../registry/audit-log.ts';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import { errorWorkbook } from './error-workbook.ts';

/** Days the upload of an import with refused rows is kept for its error workbook (ADR 0011). */
export const UPLOAD_RETENTION_DAYS = 7;

/** Most row problems a report lists; `invalid` still counts them all. */
const MAX_LISTED_ERRORS = 5000;
/** How long a finished import waits for its events to reach the bus (30,000 rows take seconds). */
const PUBLISH_WAIT_MS = 30_000;

export interface ImportJob {
  id: string;
  ledger: Ledger;
  mode: ImportMode;
  status: 'running' | 'completed' | 'rejected' | 'failed';
  phase: 'reading' | 'checking' | 'writing' | 'done';
  fileName?: string;
  total: number;
  processed: number;
  createdBy: string;
  createdAt: string;
  finishedAt?: string;
  report?: ImportReport;
  problem?: { status: number; code: string; detail?: string };
}

export type ImportReport = Omit<ImportOutcome, 'errors'> & {
  jobId: string;
  ledger: Ledger;
  mode: ImportMode;
  status: 'completed' | 'rejected';
  fileName?: string;
  errors: ImportOutcome['errors'];
  errorsTruncated?: boolean;
  durationMs: number;
  rowsPerSecond: number;
  /** Where the uploaded sheet can be downloaded with its refused cells marked, when rows were refused. */
  errorWorkbook?: string;
};

/** 422 for a file refused as a whole: every bad row and column is named in `errors` and in `report`. */
export function rejectedProblem(report: ImportReport): ProblemError {
  return new ProblemError(
    422,
    'IMPORT_INVALID_ROWS',
    'Invalid rows',
    `${report.invalid} of ${report.total} rows are invalid; nothing was imported (fix them, or import with mode=valid-only)`,
    {
      errors: report.errors.map((e) => ({
        field: `row ${e.row}${e.column ? `/${e.column}` : ''}`,
        message: e.message,
      })),
      report,
    },
  );
}

/**
 * Spreadsheet imports as jobs: the request waits for the result up to IMPORT_WAIT_MS, then answers
 * 202 with the job to poll. Progress is kept in memory while the job runs (its single transaction
 * would hide a progress row on the embedded database) and the finished job in `import_jobs`.
 */
@injectable()
export class ImportService {
  readonly #jobs = new Map<string, ImportJob>();
  /** Imports in flight per account, from the first byte read to the job's end. */
  readonly #inFlight = new Map<string, number>();

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<WorkerProfileConfig>,
    @inject(TOKENS.Logger) private readonly log: FastifyBaseLogger,
    @inject(ImportJobRepository) private readonly repo: ImportJobRepository,
    @inject(LedgerImports) private readonly imports: LedgerImports,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Called at boot: a job that was running when the process stopped never committed anything. */
  async recover(): Promise<void> {
    await this.repo.failInterrupted(this.ctx.pool);
  }

  async start(
    p: Principal,
    ledger: Ledger,
    mode: ImportMode,
    contentType: string | undefined,
    body: Buffer,
    respondAsync = false,
  ): Promise<{ done: true; report: ImportReport } | { done: false; job: ImportJob }> {
    if (p.role !== 'officer' && p.role !== 'admin') throw forbidden('imports are for officers and administrators');
    const release = this.admit(p.sub);
    let run: Promise<void> | undefined;
    try {
      const file = uploadedFile(contentType, body);
      // Unreadable files are refused in the request itself, before a job exists.
      const sheet = await readSheet(file.data, this.ctx.config.IMPORT_MAX_ROWS);
      const now = this.ctx.clock();
      const job: ImportJob = {
        id: randomUUID(),
        ledger,
        mode,
        status: 'running',
        phase: 'checking',
        ...(file.fileName ? { fileName: file.fileName } : {}),
        total: sheet.rows.length,
        processed: 0,
        createdBy: p.sub,
        createdAt: now.toISOString(),
      };
      this.#jobs.set(job.id, job);
      await this.repo.save(this.ctx.pool, job);
      run = this.run(p, job, sheet, file.data).finally(release);
      const wait = respondAsync ? 0 : this.ctx.config.IMPORT_WAIT_MS;
      const waited = await Promise.race([
        run.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), wait).unref()),
      ]);
      if (!waited) return { done: false, job: this.snapshot(job) };
      if (job.status === 'completed' || job.status === 'rejected') return { done: true, report: job.report! };
      throw job.problem && job.problem.status < 500
        ? new ProblemError(job.problem.status, job.problem.code, 'Import refused', job.problem.detail)
        : new ProblemError(500, 'INTERNAL', 'Internal error', 'the import failed; it has been logged');
    } finally {
      if (!run) release();
    }
  }

  /** Counts an import of the account in, or refuses it when the account already has its share running. */
  private admit(account: string): () => void {
    const running = this.#inFlight.get(account) ?? 0;
    const max = this.ctx.config.IMPORT_MAX_IN_FLIGHT;
    if (running >= max) throw importBusy(running, max);
    this.#inFlight.set(account, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#inFlight.get(account) ?? 1) - 1;
      if (left > 0) this.#inFlight.set(account, left);
      else this.#inFlight.delete(account);
    };
  }

  async get(p: Principal, id: string): Promise<ImportJob> {
    const live = this.#jobs.get(id);
    const job = live ? this.snapshot(live) : ((await this.repo.find(this.ctx.pool, id)) as ImportJob | undefined);
    if (!job || (p.role !== 'admin' && job.createdBy !== p.sub)) throw notFound('import job', id);
    return job;
  }

  /**
   * The upload of a job with refused rows, given back with those cells marked: only to the officer
   * who imported it and to administrators, while it is kept; each download is audited as a read of
   * unmasked personal data.
   */
  async errorWorkbook(p: Principal, id: string, requestId?: string): Promise<Buffer> {
    const job = await this.get(p, id);
    const stored = job.report?.errorWorkbook ? await this.repo.findUpload(this.ctx.pool, id) : undefined;
    if (!job.report || !stored) throw notFound('error workbook of import job', id);
    const body = await errorWorkbook(this.cipher.decryptBytes(stored), job.ledger, job.report.errors);
    await this.audit.fileRead(this.ctx.pool, {
      actor: p.sub,
      actorRole: p.role,
      workerIds: [],
      fields: ['upload'],
      purpose: `import-errors:${id}`,
      ...(requestId ? { requestId } : {}),
    });
    return body;
  }

  private async run(p: Principal, job: ImportJob, sheet: Sheet, upload: Buffer): Promise<void> {
    const started = Date.now();
    const now = this.ctx.clock();
    const ctx = {
      principal: p,
      mode: job.mode,
      today: this.ctx.calendar.dateOf(now),
      now: now.toISOString(),
      progress: (n: number) => {
        job.processed = Math.min(n, job.total);
        if (n >= job.total / 2) job.phase = 'writing';
      },
    };
    try {
      const outcome = await this.imports.run(job.ledger, ctx, sheet);
      // The job is done when its events are on the bus, so that the workers it lists are known to be
      // coming to matching (ADR 0019); a long import waits longer, a failing bus not at all.
      if (outcome.written) await this.ctx.published(PUBLISH_WAIT_MS);
      const kept = outcome.errors.length > 0 && (await this.keepUpload(job.id, upload));
      const durationMs = Date.now() - started;
      const report: ImportReport = {
        jobId: job.id,
        ledger: job.ledger,
        mode: job.mode,
        status: outcome.written ? 'completed' : 'rejected',
        ...(job.fileName ? { fileName: job.fileName } : {}),
        ...outcome,
        errors: outcome.errors.slice(0, MAX_LISTED_ERRORS),
        ...(outcome.errors.length > MAX_LISTED_ERRORS ? { errorsTruncated: true } : {}),
        durationMs,
        rowsPerSecond: Math.round((outcome.total / Math.max(durationMs, 1)) * 1000),
        ...(kept ? { errorWorkbook: `/api/v1/workers/import/${job.id}/errors.xlsx` } : {}),
      };
      Object.assign(job, {
        status: report.status,
        phase: 'done',
        processed: job.total,
        report,
        finishedAt: new Date().toISOString(),
      });
      this.log.info(
        {
          jobId: job.id,
          ledger: job.ledger,
          total: report.total,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          invalid: report.invalid,
          durationMs,
          rowsPerSecond: report.rowsPerSecond,
        },
        'import finished',
      );
    } catch (err) {
      const problem = err instanceof ProblemError ? err : undefined;
      if (!problem) this.log.error({ err, jobId: job.id }, 'import failed');
      Object.assign(job, {
        status: 'failed',
        phase: 'done',
        finishedAt: new Date().toISOString(),
        problem: problem
          ? { status: problem.status, code: problem.code, ...(problem.detail ? { detail: problem.detail } : {}) }
          : { status: 500, code: 'INTERNAL' },
      });
    }
    await this.repo
      .save(this.ctx.pool, {
        ...job,
        ...(job.report || job.problem
          ? { report: (job.report ?? { problem: job.problem }) as Record<string, unknown> }
          : {}),
      })
      .catch((err: unknown) => this.log.error({ err }, 'saving the import job failed'));
    // Keep finished jobs in memory a while for quick polling; the table keeps them for good.
    setTimeout(() => this.#jobs.delete(job.id), 10 * 60_000).unref();
  }

  /** Keeps the upload (encrypted) for its error workbook; false when it could not be kept. */
  private async keepUpload(jobId: string, upload: Buffer): Promise<boolean> {
    const expires = new Date(this.ctx.clock().getTime() + UPLOAD_RETENTION_DAYS * 86_400_000);
    return this.repo
      .saveUpload(this.ctx.pool, jobId, this.cipher.encryptBytes(upload), expires)
      .then(() => true)
      .catch((err: unknown) => {
        this.log.error({ err, jobId }, 'keeping the upload for its error workbook failed');
        return false;
      });
  }

  private snapshot(j: ImportJob): ImportJob {
    return { ...j };
  }
}
