import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

export const PlacementConfig = Type.Composite([
  BaseConfig,
  Type.Object({
    /** A registered-poor or relocated worker counts as covered only with a service or contact this recent. */
    COVERAGE_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
    /** Days after a follow-up falls due before it is listed as overdue. */
    FOLLOW_UP_GRACE_DAYS: Type.Integer({ minimum: 0, maximum: 365, default: 14 }),
    /** How often the follow-up-due scan runs (it announces each due step once, so running often is harmless). */
    FOLLOW_UP_SCAN_INTERVAL_MS: Type.Integer({ minimum: 50, default: 3_600_000 }),
    /** Subsidy rules as JSON (see domain/subsidy-rules.ts); empty selects the programme's defaults. */
    SUBSIDY_RULES: Type.String({ default: '' }),
  }),
]);
export type PlacementConfig = Static<typeof PlacementConfig> & { SCHEMA: string };

export const SCHEMA = 'placement';
