/** The gateway's public entry: what the launcher, the test harness and benches build it from. */
export { SCHEMA, buildGateway } from './app.ts';
export { GatewayConfig } from './config.ts';
export { type AccountSeed, ensureAccounts } from './seed-accounts.ts';
