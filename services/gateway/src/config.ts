import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

const Url = Type.String({ default: '' });

/** The gateway reads the platform settings (database, bus, secret) and its own. */
export const GatewayConfig = Type.Composite([
  Type.Omit(BaseConfig, ['PORT']),
  Type.Object({
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    /** The gateway's /metrics, on a port of its own (never the public one); 0 turns it off. */
    METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9464 }),
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
    /** Notifications (ADR 0013): where SMS go — the embedded message log, or Alibaba Cloud SMS. */
    SMS_PROVIDER: Type.Union([Type.Literal('log'), Type.Literal('aliyun')], { default: 'log' }),
    ALIYUN_SMS_ENDPOINT: Type.String({ default: 'https://dysmsapi.aliyuncs.com' }),
    ALIYUN_ACCESS_KEY_ID: Type.String({ default: '' }),
    ALIYUN_ACCESS_KEY_SECRET: Type.String({ default: '' }),
    ALIYUN_SMS_SIGN_NAME: Type.String({ default: '同心' }),
    /** Template name → approved template code: `notice=SMS_1,verification-code=SMS_2`. */
    ALIYUN_SMS_TEMPLATE_CODES: Type.String({ default: '' }),
    /** Where WeChat subscription messages go — the embedded message log, or WeChat's API. */
    WECHAT_PROVIDER: Type.Union([Type.Literal('log'), Type.Literal('wechat')], { default: 'log' }),
    WECHAT_API_BASE: Type.String({ default: 'https://api.weixin.qq.com' }),
    WECHAT_APP_ID: Type.String({ default: '' }),
    WECHAT_APP_SECRET: Type.String({ default: '' }),
    WECHAT_TEMPLATE_ID: Type.String({ default: '' }),
    /** Run the delivery dispatcher in this gateway (one or more gateways may; they never take the same delivery). */
    NOTIFY_DISPATCHER: Type.Boolean({ default: true }),
    NOTIFY_DISPATCH_INTERVAL_MS: Type.Integer({ minimum: 10, default: 1000 }),
    /** A claimed delivery not recorded within this time (a dispatcher that died) is sent again. */
    NOTIFY_LEASE_MS: Type.Integer({ minimum: 100, default: 60_000 }),
    NOTIFY_MAX_ATTEMPTS: Type.Integer({ minimum: 1, default: 6 }),
    /** The wait after a failed send; doubled after each further failure. */
    NOTIFY_RETRY_BASE_MS: Type.Integer({ minimum: 1, default: 30_000 }),
    NOTIFY_SEND_TIMEOUT_MS: Type.Integer({ minimum: 10, default: 10_000 }),
    /** At most this many matching-opening alerts per worker per county day. */
    NOTIFY_MATCH_ALERTS_PER_DAY: Type.Integer({ minimum: 0, default: 3 }),
    /** Events older than this (hours) notify no one: a first start does not replay history as news. */
    NOTIFY_MAX_EVENT_AGE_HOURS: Type.Integer({ minimum: 1, default: 48 }),
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
