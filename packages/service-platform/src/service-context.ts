import type { Pool, PoolClient } from '@tongxin/db';
import { withTransaction } from '@tongxin/db';
import type { Outbox } from '@tongxin/events';
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
  ) {}

  /** Runs `work` in one transaction on the service's pool: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, work);
  }
}
