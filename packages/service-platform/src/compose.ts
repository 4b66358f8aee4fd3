// tsyringe needs the Reflect polyfill before it is first imported.
import 'reflect-metadata';
import { type DependencyContainer, container } from 'tsyringe';
import { type RuntimeOptions, ServiceRuntime } from './runtime.ts';

/** The service's own tokens for what every composition root registers; a service without events has no Outbox. */
export interface CoreTokens {
  Config: symbol;
  Pool: symbol;
  Outbox?: symbol;
}

export interface ComposeOptions extends RuntimeOptions {
  tokens?: CoreTokens;
}

/**
 * How every composition root begins: the runtime (schema migrated, bus connected, outbox) and a
 * container of the service's own that already holds its config, pool and outbox under `tokens`.
 */
export async function composeService(
  options: ComposeOptions,
): Promise<{ runtime: ServiceRuntime; di: DependencyContainer }> {
  const { tokens, ...runtimeOptions } = options;
  const runtime = await ServiceRuntime.start(runtimeOptions);
  const di = container.createChildContainer();
  if (tokens) {
    di.register(tokens.Config, { useValue: options.config });
    di.register(tokens.Pool, { useValue: runtime.pool });
    if (tokens.Outbox) di.register(tokens.Outbox, { useValue: runtime.outbox });
  }
  return { runtime, di };
}
