import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

export const EmployerConfig = Type.Composite([
  BaseConfig,
  Type.Object({
    /** How often openings past their closing date are closed (and intents past their deadline lapse). */
    CLOSING_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 50, default: 60_000 }),
  }),
]);
export type EmployerConfig = Static<typeof EmployerConfig> & { SCHEMA: string };

export const SCHEMA = 'employer';
