import type { Pool, PoolClient } from '@tongxin/db';
import { withTransaction } from '@tongxin/db';
import { type EventDataMap, type EventType, type Outbox, type TongxinEvent, createEvent } from '@tongxin/events';
import type { CountyCalendar } from './calendar.ts';
import type { BaseConfig } from './config.ts';

/**
 * What a service's use cases share: its configuration, pool, outbox, clock and county calendar.
 * composeService registers one per service container under this class, so a use case injects
 * `@inject(ServiceContext) ctx: ServiceContext<MyConfig>` and then only its own collaborators.
 */
export class ServiceContext<C extends BaseConfig = BaseConfig> {
  constructor(
    readonly config: C,
    readonly pool: Pool,
    /** Writes events in the caller's transaction; relayed to the bus after commit. */
    readonly outbox: Outbox,
    /** Now; tests and imports pin it through composeService's `clock`. */
    readonly clock: () => Date,
    /** The county's calendar, reading `clock`. */
    readonly calendar: CountyCalendar,
    /** The CloudEvents source of the events this service writes (`/tongxin/<service>`). */
    readonly source: string,
    /**
     * Resolves once the events committed before the call are on the bus (true), or after `waitMs`
     * (false; a failing bus is not waited for): the service's outbox relay, `OutboxRelay.published`.
     */
    readonly published: (waitMs?: number) => Promise<boolean> = async () => true,
  ) {}

  /** Runs `work` in one transaction on the service's pool: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, work);
  }

  /** An event of this service about `subject`; `data` is held to the schema of `type`. */
  event<K extends EventType>(type: K, subject: string, data: EventDataMap[K]): TongxinEvent<K> {
    // The distributed input type cannot be built from a generic K; createEvent checks the pairing.
    return createEvent({ type, source: this.source, subject, data } as Parameters<typeof createEvent<K>>[0]);
  }

  /**
   * Writes an event of this service about `subject` into the outbox with `tx`, the transaction of
   * the change it describes, so the event exists if and only if the change commits.
   */
  emit<K extends EventType>(
    tx: Parameters<Outbox['add']>[0],
    type: K,
    subject: string,
    data: EventDataMap[K],
  ): Promise<void> {
    return this.outbox.add(tx, this.event(type, subject, data));
  }
}
