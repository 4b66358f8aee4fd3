import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ensureAccounts } from '@tongxin/gateway';
import { createCloudEvent } from '@tongxin/events';
import {
  DEMO_PASSWORD,
  type Stack,
  type StackBus,
  eventually,
  killProbe,
  stackBus,
  startProbe,
  startStack,
} from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { phoneKey } from '../src/notify/sms.ts';
import { startFakeAliyun } from './support/fake-providers.ts';

/**
 * Issue 15, done when: "Killing the notification consumer in the middle of a send and restarting it
 * sends that notification exactly once in effect". The dispatcher runs in a process of its own,
 * is killed after the provider accepted the message but before it recorded the send, and a new one
 * takes the delivery again once the claim expires: the resend carries the same idempotency key
 * (the delivery id; Alibaba Cloud's OutId), so the message log, and the provider, hold one message.
 */
const PROBE = join(import.meta.dirname, 'support', 'dispatcher-probe.ts');
const PHONE = '13800138000';

const probe = (mode: string, env: Record<string, string>) => startProbe(PROBE, mode, env);

let stack: Stack;
let bus: StackBus;
let db: pg.Client;
let account: string;
const workerId = randomUUID();

t.before(async () => {
  stack = await startStack({ services: [], settings: { NOTIFY_DISPATCHER: 'false' } });
  bus = await stackBus(stack.settings, 'notify-kill-test');
  await ensureAccounts(stack.db.connectionString, [
    { username: 'worker.kill', password: DEMO_PASSWORD, role: 'worker', displayName: '韩工', workerId },
  ]);
  const token = await stack.login('worker.kill');
  account = (await stack.api.get('/api/v1/auth/me', token)).body.sub;
  // No quiet hours, so that the test does not depend on the hour it runs at.
  await stack.api.request('PUT', '/api/v1/notifications/preferences', {
    token,
    body: { quietHours: { start: '00:00', end: '00:00' } },
  });
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db?.end();
  await bus?.close();
  await stack?.stop();
});

/** An interview notice for the worker; resolves with its SMS delivery's id once it is queued. */
async function interviewNotice(): Promise<string> {
  const now = new Date().toISOString();
  const application = {
    id: randomUUID(),
    workerId,
    openingId: randomUUID(),
    employerId: randomUUID(),
    status: 'interview',
    homeVillageCode: '140723100236',
    createdAt: now,
    updatedAt: now,
  };
  const event = createCloudEvent({
    type: 'application.status-changed',
    source: '/tongxin/placement',
    subject: application.id,
    data: { application, from: 'screening', to: 'interview', by: 'employer' },
  });
  await bus.publish(event);
  return eventually('the SMS delivery', async () => {
    const r = await db.query(
      `SELECT d.id FROM gateway.notification_deliveries d JOIN gateway.notifications n ON n.id = d.notification_id
        WHERE n.event_id = $1 AND d.channel = 'sms'`,
      [event.id],
    );
    return r.rows[0]?.id as string | undefined;
  });
}

const delivery = async (id: string) =>
  (await db.query('SELECT * FROM gateway.notification_deliveries WHERE id = $1', [id])).rows[0];

t.test('embedded mode: killed between send and record, restarted — one message in the log', async (t) => {
  const id = await interviewNotice();
  const env = {
    DATABASE_URL: stack.settings.DATABASE_URL!,
    PROBE_SECRET: stack.settings.JWT_SECRET!,
    PROBE_ACCOUNT: account,
    PROBE_PHONE: PHONE,
  };
  const first = probe('hang-after-send', env);
  t.teardown(() => killProbe(first.child));
  t.equal(await first.waitFor('SENT'), `SENT ${id}`);
  await killProbe(first.child);
  t.equal((await delivery(id)).status, 'sending', 'the send was never recorded');
  const messages = async () =>
    (
      await db.query('SELECT id, out_id FROM gateway.message_log WHERE recipient_hash = $1', [
        phoneKey(stack.settings.JWT_SECRET!, PHONE),
      ])
    ).rows;
  t.equal((await messages()).length, 1, 'the provider had the message');

  const second = probe('normal', env);
  t.teardown(() => killProbe(second.child));
  await second.waitFor('DONE');
  const d = await delivery(id);
  t.equal(d.status, 'sent');
  t.equal(d.attempts, 2, 'sent again after the claim expired');
  const after = await messages();
  t.equal(after.length, 1, 'exactly one message in effect');
  t.equal(after[0].out_id, id);
  t.equal(d.provider_id, after[0].id);
});

t.test('Alibaba Cloud: the resend carries the same OutId, which the provider recognises', async (t) => {
  const fake = await startFakeAliyun('LTAI-kill', 'kill-secret');
  t.teardown(() => fake.close());
  const id = await interviewNotice();
  const env = {
    DATABASE_URL: stack.settings.DATABASE_URL!,
    PROBE_SECRET: stack.settings.JWT_SECRET!,
    PROBE_ACCOUNT: account,
    PROBE_PHONE: PHONE,
    PROBE_ALIYUN_URL: fake.url,
  };
  const first = probe('hang-after-send', env);
  t.teardown(() => killProbe(first.child));
  await first.waitFor(`SENT ${id}`);
  await killProbe(first.child);
  const second = probe('normal', env);
  t.teardown(() => killProbe(second.child));
  await second.waitFor('DONE');
  t.equal((await delivery(id)).status, 'sent');
  t.same(
    fake.requests.map((r) => r.params.OutId),
    [id, id],
    'sent twice under one OutId',
  );
  t.ok(fake.requests.every((r) => r.signatureValid));
  t.equal(fake.accepted.size, 1, 'one message in effect');
  t.equal((await delivery(id)).provider_id, `biz-${id}`);
});
