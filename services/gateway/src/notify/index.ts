import type { ServiceApp, ServiceRuntime } from '@tongxin/service-platform';
import type { FastifyBaseLogger } from 'fastify';
import type { GatewayConfig } from '../config.ts';
import { AliyunSmsSender, parseTemplateCodes } from './aliyun.ts';
import { consumeNotifications } from './consumer.ts';
import { Dispatcher } from './dispatcher.ts';
import { notificationRoutes } from './routes.ts';
import { MessageLog, type SmsSender } from './sms.ts';
import { NotificationStore, type PhoneOf } from './store.ts';
import { LoggedWechat, type WechatSender, WechatSubscribeSender } from './wechat.ts';

export { type PhoneOf } from './store.ts';

/** The channels as configured: the embedded message log, or the providers' HTTP APIs. */
export function channelsOf(config: GatewayConfig, log: MessageLog): { sms: SmsSender; wechat: WechatSender } {
  const sms: SmsSender =
    config.SMS_PROVIDER === 'aliyun'
      ? new AliyunSmsSender({
          endpoint: config.ALIYUN_SMS_ENDPOINT,
          accessKeyId: config.ALIYUN_ACCESS_KEY_ID,
          accessKeySecret: config.ALIYUN_ACCESS_KEY_SECRET,
          signName: config.ALIYUN_SMS_SIGN_NAME,
          templateCodes: parseTemplateCodes(config.ALIYUN_SMS_TEMPLATE_CODES),
          timeoutMs: config.NOTIFY_SEND_TIMEOUT_MS,
        })
      : log;
  const wechat: WechatSender =
    config.WECHAT_PROVIDER === 'wechat'
      ? new WechatSubscribeSender({
          baseUrl: config.WECHAT_API_BASE,
          appId: config.WECHAT_APP_ID,
          appSecret: config.WECHAT_APP_SECRET,
          templateId: config.WECHAT_TEMPLATE_ID,
          timeoutMs: config.NOTIFY_SEND_TIMEOUT_MS,
        })
      : new LoggedWechat(log);
  return { sms, wechat };
}

/**
 * The notification module (ADR 0013): the consumer that turns events into inbox rows and
 * deliveries, the routes, and the dispatcher that sends deliveries (stopped when the app closes).
 */
export async function setupNotifications(
  app: ServiceApp,
  deps: {
    runtime: ServiceRuntime;
    config: GatewayConfig;
    /** AccountRepository.phoneOf: the phone a code verified, in clear, read by the dispatcher only. */
    phoneOf: PhoneOf;
    /** The embedded mode's provider, shared with the sign-up codes (the administrator reads one log). */
    messageLog: MessageLog;
    logger: FastifyBaseLogger;
  },
) {
  const { runtime, config, phoneOf } = deps;
  const store = new NotificationStore(runtime.schema);
  await consumeNotifications(runtime, {
    store,
    offsetMinutes: config.CALENDAR_UTC_OFFSET_MINUTES,
    matchAlertsPerDay: config.NOTIFY_MATCH_ALERTS_PER_DAY,
    maxEventAgeMs: config.NOTIFY_MAX_EVENT_AGE_HOURS * 3_600_000,
  });
  await notificationRoutes(app, { pool: runtime.pool, store });
  const log = deps.messageLog;
  const dispatcher = new Dispatcher({
    pool: runtime.pool,
    schema: runtime.schema,
    store,
    ...channelsOf(config, log),
    phoneOf,
    offsetMinutes: config.CALENDAR_UTC_OFFSET_MINUTES,
    leaseMs: config.NOTIFY_LEASE_MS,
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
    sendTimeoutMs: config.NOTIFY_SEND_TIMEOUT_MS,
    intervalMs: config.NOTIFY_DISPATCH_INTERVAL_MS,
    logger: deps.logger,
  });
  if (config.NOTIFY_DISPATCHER) dispatcher.start();
  app.addHook('preClose', async () => dispatcher.stop());
  return { store, dispatcher };
}
