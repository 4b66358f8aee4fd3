import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

export const WorkerProfileConfig = Type.Composite([
  BaseConfig,
  Type.Object({
    /** 32 random bytes, base64: encrypts ID numbers and phones at rest. Required, no default. */
    PII_ENCRYPTION_KEY: Type.String({ minLength: 40 }),
    /** Secret for the keyed hash that finds a worker by ID number. Required, no default. */
    PII_HASH_KEY: Type.String({ minLength: 32 }),
  }),
]);
export type WorkerProfileConfig = Static<typeof WorkerProfileConfig> & { SCHEMA: string };

export const SCHEMA = 'worker_profile';
