import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

export const EmployerConfig = Type.Composite([
  BaseConfig,
  Type.Object({
    /** How often openings past their closing date are closed (and intents past their deadline lapse). */
    CLOSING_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 50, default: 60_000 }),
    /** An open, unfilled opening closing within this many county days is announced (opening.closing-soon). */
    CLOSING_SOON_DAYS: Type.Integer({ minimum: 0, maximum: 60, default: 3 }),
    /** How often the closing-soon scan runs (it announces an opening at most once per county day). */
    CLOSING_SOON_SCAN_INTERVAL_MS: Type.Integer({ minimum: 50, default: 3_600_000 }),
  }),
]);
export type EmployerConfig = Static<typeof EmployerConfig> & { SCHEMA: string };

export const SCHEMA = 'employer';
