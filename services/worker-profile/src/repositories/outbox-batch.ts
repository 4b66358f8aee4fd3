import type { Queryable } from '@tongxin/db';
import { type CloudEvent, type EventSchemas, topicForEventType } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

/**
 * Writes many events into the platform's outbox in one statement. `Outbox.add` inserts one row
 * per call, which for a 30,000-row import is 30,000 round trips inside the import transaction;
 * this validates each event against its contract the same way and inserts them with `unnest`.
 * It writes the same columns as `outboxMigrationSql`, so the relay publishes them unchanged.
 */
@injectable()
export class OutboxBatch {
  readonly #t: string;

  constructor(
    @inject(TOKENS.Config) config: { SCHEMA: string },
    @inject(TOKENS.EventSchemas) private readonly schemas: EventSchemas,
  ) {
    this.#t = `${config.SCHEMA}.outbox`;
  }

  async addAll(db: Queryable, events: CloudEvent[], chunk = 2000): Promise<void> {
    for (const e of events) this.schemas.validate(e);
    for (let i = 0; i < events.length; i += chunk) {
      const part = events.slice(i, i + chunk);
      await db.query(
        `INSERT INTO ${this.#t} (event_id, topic, key, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
        [
          part.map((e) => e.id),
          part.map((e) => topicForEventType(e.type)),
          part.map((e) => e.subject),
          part.map((e) => JSON.stringify(e)),
        ],
      );
    }
  }
}
