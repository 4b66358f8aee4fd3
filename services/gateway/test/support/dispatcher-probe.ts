/**
 * The notification dispatcher in a process of its own, for the kill test. PROBE_MODE=hang-after-send
 * stops after the provider accepted a message and before the delivery is recorded sent (prints SENT);
 * normal dispatches until every delivery of the account is recorded (prints DONE). The phone stands
 * in for signup's AccountRepository.phoneOf.
 */
import { createPool } from '@tongxin/db';
import { AliyunSmsSender } from '../../src/notify/aliyun.ts';
import { Dispatcher } from '../../src/notify/dispatcher.ts';
import { MessageLog } from '../../src/notify/sms.ts';
import { NotificationStore } from '../../src/notify/store.ts';
import { LoggedWechat } from '../../src/notify/wechat.ts';

const env = process.env;
const mode = env.PROBE_MODE ?? 'normal';
const pool = createPool(env.DATABASE_URL!, { max: 2 });
const log = new MessageLog(pool, 'gateway', env.PROBE_SECRET!);
const sms = env.PROBE_ALIYUN_URL
  ? new AliyunSmsSender({
      endpoint: env.PROBE_ALIYUN_URL,
      accessKeyId: 'LTAI-kill',
      accessKeySecret: 'kill-secret',
      signName: '同心',
      templateCodes: { notice: 'SMS_000001' },
      timeoutMs: 2000,
    })
  : log;
const forever = () => new Promise<never>(() => {});
const dispatcher = new Dispatcher({
  pool,
  schema: 'gateway',
  store: new NotificationStore('gateway'),
  sms,
  wechat: new LoggedWechat(log),
  phoneOf: async (_db, accountId) => (accountId === env.PROBE_ACCOUNT ? env.PROBE_PHONE : undefined),
  offsetMinutes: 480,
  leaseMs: Number(env.PROBE_LEASE_MS ?? 1000),
  maxAttempts: 5,
  retryBaseMs: 50,
  sendTimeoutMs: 2000,
  intervalMs: 50,
  afterSend: async (ids) => {
    if (mode === 'hang-after-send') {
      console.log(`SENT ${ids.join(',')}`);
      await forever();
    }
  },
});
console.log('READY');
for (;;) {
  await dispatcher.runOnce();
  const open = await pool.query(
    `SELECT count(*)::int AS n FROM gateway.notification_deliveries WHERE account_id = $1 AND status IN ('pending', 'sending')`,
    [env.PROBE_ACCOUNT],
  );
  if (open.rows[0].n === 0 && mode === 'normal') {
    console.log('DONE');
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
await pool.end();
