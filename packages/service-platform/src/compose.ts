// tsyringe needs the Reflect polyfill before it is first imported.
import 'reflect-metadata';
import { TokenService } from '@tongxin/auth';
import { type DependencyContainer, container } from 'tsyringe';
import { buildServiceApp } from './app.ts';
import { CountyCalendar } from './calendar.ts';
import { type RuntimeOptions, ServiceRuntime } from './runtime.ts';
import { ServiceContext } from './service-context.ts';

/** The service's own tokens for what every composition root registers; a service without events has no Outbox. */
export interface CoreTokens {
  Config: symbol;
  Pool: symbol;
  Outbox?: symbol;
  /** Registered with the context's clock, for the collaborators that take it alone. */
  Clock?: symbol;
  /** Registered with the context's calendar, likewise. */
  Calendar?: symbol;
}

export interface ComposeOptions extends RuntimeOptions {
  tokens?: CoreTokens;
  /** Now, for the context's clock and calendar; the system clock unless a test or seed pins it. */
  clock?: () => Date;
}

/**
 * How every composition root begins: the runtime (schema migrated, bus connected, outbox) and a
 * container of the service's own that already holds its ServiceContext, and its config, pool,
 * outbox, clock and calendar under `tokens`.
 */
export async function composeService(options: ComposeOptions): Promise<{
  runtime: ServiceRuntime;
  di: DependencyContainer;
  /** The service's HTTP app on this runtime, named, logged and verifying tokens as composed; routes come next. */
  buildApp: (description: string) => ReturnType<typeof buildServiceApp>;
}> {
  const { tokens, clock = () => new Date(), ...runtimeOptions } = options;
  const runtime = await ServiceRuntime.start(runtimeOptions);
  const { config } = options;
  const calendar = new CountyCalendar(config.CALENDAR_UTC_OFFSET_MINUTES, clock);
  const di = container.createChildContainer();
  di.register(ServiceContext, {
    useValue: new ServiceContext(
      config,
      runtime.pool,
      runtime.outbox,
      clock,
      calendar,
      `/tongxin/${options.name}`,
      (ms) => runtime.relay.published(ms),
    ),
  });
  if (tokens) {
    di.register(tokens.Config, { useValue: config });
    di.register(tokens.Pool, { useValue: runtime.pool });
    if (tokens.Outbox) di.register(tokens.Outbox, { useValue: runtime.outbox });
    if (tokens.Clock) di.register(tokens.Clock, { useValue: clock });
    if (tokens.Calendar) di.register(tokens.Calendar, { useValue: calendar });
  }
  const buildApp = (description: string) =>
    buildServiceApp({
      name: options.name,
      description,
      tokens: new TokenService(config.JWT_SECRET),
      logger: options.logger,
      runtime,
    });
  return { runtime, di, buildApp };
}
