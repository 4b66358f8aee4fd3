import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

const Url = Type.String({ default: '' });

/** The gateway reads the platform settings (database, bus, secret) and its own. */
export const GatewayConfig = Type.Composite([
  Type.Omit(BaseConfig, ['PORT']),
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    /** Rate-limit store; empty keeps counters in this process (one gateway only). */
    REDIS_URL: Type.String({ default: '' }),
    /** Prefix of the rate-limit counters in Redis: gateways sharing it share the limits. */
    RATE_LIMIT_NAMESPACE: Type.String({ default: 'tongxin-rl-' }),
    /** Requests per client per minute; the client is the token's account, else the address. */
    RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 1200 }),
    /**
     * Proxied requests in flight at once; past it the gateway sheds load with 503 + Retry-After at
     * once instead of queueing until every answer is late.
     */
    MAX_IN_FLIGHT: Type.Integer({ minimum: 1, default: 128 }),
    /**
     * Failed sign-ins per address per minute, whatever the usernames tried (a village office shares
     * one address, hence generous); counted in Redis with the other limits when REDIS_URL is set.
     */
    SIGN_IN_FAILURES_PER_ADDRESS_PER_MINUTE: Type.Integer({ minimum: 1, default: 100 }),
    /** Employer sign-ups (accepted or refused) per address per hour (ADR 0018). */
    EMPLOYER_SIGN_UPS_PER_ADDRESS_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
    /** Wrong activation codes per address per hour before redemption answers 429 (ADR 0018). */
    ACTIVATION_CODE_FAILURES_PER_ADDRESS_PER_HOUR: Type.Integer({ minimum: 1, default: 30 }),
    /** Days an officer-issued activation code stays valid (ADR 0018). */
    ACTIVATION_CODE_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 14 }),
    /**
     * Accept the published demo password for accounts created through the API. Only the embedded
     * demo's launcher turns it on, so that its seed can create the demo's employer and worker accounts.
     */
    ALLOW_DEMO_PASSWORD: Type.Boolean({ default: false }),
    /** When set, an `admin` account with this password is created at start if none exists (distributed mode). */
    BOOTSTRAP_ADMIN_PASSWORD: Type.String({ default: '' }),
    /**
     * 32 random bytes, base64: encrypts the phone on an account (AES-256-GCM) and keys its hash and
     * the one-time codes' hashes (ADR 0014). Required, no default; the embedded launcher and the test
     * harness make one.
     */
    PHONE_ENCRYPTION_KEY: Type.String({ minLength: 40 }),
    /** How long a one-time code (activation, password reset) stays valid, in minutes. */
    CODE_TTL_MINUTES: Type.Number({ exclusiveMinimum: 0, maximum: 60, default: 10 }),
    /** Code requests per phone (or username) per minute, sent or not. */
    CODE_REQUESTS_PER_TARGET_PER_MINUTE: Type.Integer({ minimum: 1, default: 1 }),
    /** Code requests per phone (or username) per hour, sent or not. */
    CODE_REQUESTS_PER_TARGET_PER_HOUR: Type.Integer({ minimum: 1, default: 5 }),
    /** Code requests per client address per hour, whatever the phones asked for. */
    CODE_REQUESTS_PER_ADDRESS_PER_HOUR: Type.Integer({ minimum: 1, default: 20 }),
    WORKER_PROFILE_URL: Url,
    EMPLOYER_URL: Url,
    MATCHING_URL: Url,
    TRAINING_URL: Url,
    PLACEMENT_URL: Url,
  }),
]);
export type GatewayConfig = Static<typeof GatewayConfig>;
