import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

export const WorkerProfileConfig = Type.Composite([
  BaseConfig,
  Type.Object({
    /** 32 random bytes, base64: encrypts ID numbers and phones at rest. Required, no default. */
    PII_ENCRYPTION_KEY: Type.String({ minLength: 40 }),
    /** Secret for the keyed hash that finds a worker by ID number. Required, no default. */
    PII_HASH_KEY: Type.String({ minLength: 32 }),
    /**
     * Poverty line in RMB per person and year: a household is below it when its members' recorded
     * income for the year, divided by the people in the household, is less.
     */
    POVERTY_LINE_ANNUAL: Type.Number({ minimum: 0, default: 4000 }),
    /** Largest spreadsheet upload in bytes; bigger ones are refused before they are read. */
    IMPORT_MAX_BYTES: Type.Integer({ minimum: 1024, default: 30 * 1024 * 1024 }),
    /** Most data rows one import may hold. */
    IMPORT_MAX_ROWS: Type.Integer({ minimum: 1, default: 100_000 }),
    /** How long POST /workers/import waits for the result before answering 202 with the job to poll. */
    IMPORT_WAIT_MS: Type.Integer({ minimum: 0, default: 20_000 }),
    /** Imports one account may have in flight (being read, checked or written); one more answers 429. */
    IMPORT_MAX_IN_FLIGHT: Type.Integer({ minimum: 1, default: 2 }),
  }),
]);
export type WorkerProfileConfig = Static<typeof WorkerProfileConfig> & { SCHEMA: string };

export const SCHEMA = 'worker_profile';
