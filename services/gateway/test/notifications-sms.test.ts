import { randomUUID } from 'node:crypto';
import { createPool } from '@tongxin/db';
import { createCloudEvent } from '@tongxin/events';
import { SCHEMA, ensureAccounts } from '@tongxin/gateway';
import { DEMO_PASSWORD, eventually, stackBus, startStack } from '@tongxin/test-harness';
import t from 'tap';
import { AccountRepository } from '../src/repositories/account-repository.ts';
import { PhoneCipher } from '../src/signup/phone-cipher.ts';

/**
 * The whole flow as the product runs it: the gateway's own dispatcher, the phone a code verified
 * (AccountRepository.setPhone / phoneOf, ADR 0014) and the administrator's message log (ADR 0013).
 */
t.test(
  "the employer's interview notice reaches the worker's inbox and the SMS log once, even redelivered",
  async (t) => {
    const stack = await startStack({ services: [], settings: { NOTIFY_DISPATCH_INTERVAL_MS: '50' } });
    t.teardown(() => stack.stop());
    const bus = await stackBus(stack.settings, 'notify-sms-test');
    t.teardown(() => bus.close());
    const workerId = randomUUID();
    await ensureAccounts(stack.db.connectionString, [
      { username: 'worker.phone', password: DEMO_PASSWORD, role: 'worker', displayName: '韩工', workerId },
    ]);
    const worker = await stack.login('worker.phone');
    const accountId = (await stack.api.get('/api/v1/auth/me', worker)).body.sub as string;
    const pool = createPool(stack.db.connectionString, { max: 1 });
    t.teardown(() => pool.end());
    const phone = '13712345678';
    const accounts = new AccountRepository(SCHEMA, new PhoneCipher(stack.settings.PHONE_ENCRYPTION_KEY!));
    t.ok(await accounts.setPhone(pool, accountId, { phone }));
    // No quiet hours, so that the test does not depend on the hour it runs at.
    await stack.api.request('PUT', '/api/v1/notifications/preferences', {
      token: worker,
      body: { quietHours: { start: '00:00', end: '00:00' } },
    });

    const applicationId = randomUUID();
    const event = createCloudEvent({
      type: 'application.interview-scheduled',
      source: '/tongxin/placement',
      subject: applicationId,
      data: {
        applicationId,
        workerId,
        openingId: randomUUID(),
        employerId: randomUUID(),
        at: '2026-12-10T06:00:00Z',
        place: '苏州工业园区星湖街 1 号',
        revision: 1,
      },
    });
    await bus.publish(event);
    await bus.publish(event);
    const admin = await stack.login('admin');
    const log = await eventually('the SMS in the message log', async () => {
      const r = await stack.api.get(`/api/v1/admin/message-log?phone=${phone}`, admin);
      return r.status === 200 && r.body.items.length > 0 && r.body.items;
    });
    t.equal(
      log[0].body,
      '【同心】面试通知：面试时间：2026-12-10 14:00，地点：苏州工业园区星湖街 1 号。详情请登录同心查看。',
    );
    t.equal(log[0].recipient, '137****5678');
    const box = (await stack.api.get('/api/v1/notifications', worker)).body;
    t.equal(box.items.length, 1);
    t.equal(box.items[0].kind, 'interview');
    // Once more, after the dispatcher has had time to send anything else it would.
    await bus.publish(event);
    await new Promise((r) => setTimeout(r, 500));
    t.equal((await stack.api.get(`/api/v1/admin/message-log?phone=${phone}`, admin)).body.items.length, 1, 'one SMS');
    const sent = await stack.api.get('/api/v1/admin/deliveries?status=sent&channel=sms', admin);
    t.equal(sent.body.items.length, 1);
  },
);
