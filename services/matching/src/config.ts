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
    /**
     * A newly published opening is announced (opening.matched) to the workers it fits with at least
     * this score (0..1). 0.7 takes a full skill fit in an accepted tier, or a near-full fit in the
     * worker's first tier; partial fits in a far tier stay below.
     */
    MATCH_ALERT_MIN_SCORE: Type.Number({ minimum: 0, maximum: 1, default: 0.7 }),
    /** At most this many workers in one opening.matched (best first). */
    MATCH_ALERT_MAX: Type.Integer({ minimum: 1, maximum: 10_000, default: 10_000 }),
  }),
]);
export type MatchingConfig = Static<typeof MatchingConfig> & { SCHEMA: string };

export const SCHEMA = 'matching';
