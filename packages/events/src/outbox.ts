import type pg from 'pg';
import type { EventOf } from './cloud-event.ts';
import type { EventDataMap } from './event-types.generated.ts';
import type { EventSchemas } from './event-schemas.ts';
import { sqlIdentifier } from './sql-identifier.ts';
import { topicForEventType } from './topics.ts';
import { withTraceContext } from './trace-context.ts';

/** Configuration of {@link Outbox}. */
export interface OutboxOptions {
  /** The service's schema holding `outbox` (see {@link outboxMigrationSql}). */
  schema: string;
  schemas: EventSchemas;
}

/**
 * Writes events into the outbox inside the caller's transaction, so the event exists if
 * and only if the change it describes committed. Typed by the contracts (`M`, from event type to
 * payload), so that a payload that disagrees with its schema does not compile; the transport's own
 * tests, whose event types are not the product's, widen `M`.
 */
export class Outbox<M extends object = EventDataMap> {
  readonly #schema: string;
  readonly #schemas: EventSchemas;

  constructor(options: OutboxOptions) {
    this.#schema = sqlIdentifier(options.schema);
    this.#schemas = options.schemas;
  }

  /**
   * Validates the event against its contract and inserts it with `client` (which should be
   * inside the business transaction). Throws `EVENTS_INVALID_EVENT` / `EVENTS_SCHEMA_MISSING`
   * / `EVENTS_UNKNOWN_EVENT_TYPE` before touching the database; the caller's rollback then
   * undoes the change too.
   */
  async add<K extends keyof M & string>(
    client: pg.ClientBase,
    event: EventOf<M, K>,
    key: string = event.subject,
  ): Promise<void> {
    this.#schemas.validate(event);
    const topic = topicForEventType(event.type);
    await client.query(`INSERT INTO ${this.#schema}.outbox (event_id, topic, key, payload) VALUES ($1, $2, $3, $4)`, [
      event.id,
      topic,
      key,
      JSON.stringify(withTraceContext(event)),
    ]);
  }

  /**
   * Like {@link add} for many events at once (a spreadsheet import): every event is validated
   * first, then they are inserted `chunk` at a time with one statement each, keyed by subject.
   */
  async addAll<K extends keyof M & string>(
    client: pg.ClientBase,
    events: EventOf<M, K>[],
    chunk = 2000,
  ): Promise<void> {
    for (const e of events) this.#schemas.validate(e);
    for (let i = 0; i < events.length; i += chunk) {
      const part = events.slice(i, i + chunk);
      await client.query(
        `INSERT INTO ${this.#schema}.outbox (event_id, topic, key, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
        [
          part.map((e) => e.id),
          part.map((e) => topicForEventType(e.type)),
          part.map((e) => e.subject),
          part.map((e) => JSON.stringify(withTraceContext(e))),
        ],
      );
    }
  }
}
