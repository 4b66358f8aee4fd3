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
    await this.record(db, e);
  }

  /**
   * A read of a file of personal data whose people need not be registered (a clerk's own upload
   * given back): recorded even when it names no registered worker.
   */
  async fileRead(db: Queryable, e: UnmaskedRead): Promise<void> {
    await this.record(db, e);
  }

  /** A read of a self-registration request in clear: its person is not (yet) a registered worker. */
  async requestRead(db: Queryable, e: UnmaskedRead): Promise<void> {
    await this.record(db, e);
  }

  private async record(db: Queryable, e: UnmaskedRead): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.audit_log} (actor, actor_role, action, worker_ids, fields, purpose, request_id)
       VALUES ($1, $2, 'read_unmasked', $3, $4, $5, $6)`,
      [e.actor, e.actorRole, e.workerIds, e.fields, e.purpose, e.requestId ?? null],
    );
  }
}
