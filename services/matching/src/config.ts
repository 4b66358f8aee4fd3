import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

export const MatchingConfig = Type.Composite([
  BaseConfig,
  Type.Object({
    /** Meilisearch base URL; when set it is the search engine, otherwise the embedded one is. */
    MEILI_URL: Type.String({ default: '' }),
    /** Meilisearch API key (master or an admin key); empty for an unsecured instance. */
    MEILI_API_KEY: Type.String({ default: '' }),
    /** Prefix of the Meilisearch index names, so several stacks can share one instance. */
    MEILI_INDEX_PREFIX: Type.String({ pattern: '^[a-zA-Z0-9_-]{1,40}$', default: 'tongxin' }),
    /** How long an index write may take before Meilisearch is considered stuck (ms). */
    MEILI_TASK_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  }),
]);
export type MatchingConfig = Static<typeof MatchingConfig> & { SCHEMA: string };

export const SCHEMA = 'matching';
