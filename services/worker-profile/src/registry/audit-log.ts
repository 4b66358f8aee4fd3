import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

export interface UnmaskedRead {
  actor: string;
  actorRole: string;
  workerIds: string[];
  fields: string[];
  purpose: string;
  requestId?: string;
}

/** Records every read of unmasked personal data. */
@injectable()
export class AuditLog {
  readonly #t: Tables<'audit_log'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'audit_log');
  }

  async unmaskedRead(db: Queryable, e: UnmaskedRead): Promise<void> {
    if (e.workerIds.length === 0) return;
    await this.record(db, [e]);
  }

  /** Many reads in one statement (a group of registrations, each answered with its phone in clear). */
  async unmaskedReads(db: Queryable, reads: UnmaskedRead[]): Promise<void> {
    const rows = reads.filter((e) => e.workerIds.length > 0);
    if (rows.length > 0) await this.record(db, rows);
  }

  /**
   * A read of a file of personal data whose people need not be registered (a clerk's own upload
   * given back): recorded even when it names no registered worker.
   */
  async fileRead(db: Queryable, e: UnmaskedRead): Promise<void> {
    await this.record(db, [e]);
  }

  /** A read of a self-registration request in clear: its person is not (yet) a registered worker. */
  async requestRead(db: Queryable, e: UnmaskedRead): Promise<void> {
    await this.record(db, [e]);
  }

  private async record(db: Queryable, reads: UnmaskedRead[]): Promise<void> {
    const args: unknown[] = [];
    const tuples = reads.map((e) => {
      args.push(e.actor, e.actorRole, e.workerIds, e.fields, e.purpose, e.requestId ?? null);
      const n = args.length;
      return `($${n - 5}, $${n - 4}, 'read_unmasked', $${n - 3}::uuid[], $${n - 2}::text[], $${n - 1}, $${n})`;
    });
    await db.query(
      `INSERT INTO ${this.#t.audit_log} (actor, actor_role, action, worker_ids, fields, purpose, request_id)
       VALUES ${tuples.join(', ')}`,
      args,
    );
  }
}
