import t from 'tap';
import { KafkaMockError, startKafkaMock } from '../src/index.ts';
import { runsWith } from '@tongxin/test-harness/environment';

if (runsWith(t, 'kafka')) {
  t.test('control commands validate, report mock errors and stop cleanly', async (t) => {
    const mock = await startKafkaMock({ brokers: 2 });
    t.teardown(() => mock.stop());
    t.equal(mock.brokers.length, 2);
    t.match(mock.brokers[0], /^127\.0\.0\.1:\d+$/);

    await mock.brokerDown(2);
    await mock.brokerUp(2);
    await mock.brokerDown(-1);
    await mock.brokerUp(-1);
    await mock.setRtt(1, 5);
    await mock.pushErrors(8, [25, 27]);
    await mock.createTopic('control-topic', 3);

    await t.rejects(mock.brokerDown(3), {
      name: 'KafkaMockError',
      code: 'KAFKA_MOCK_INVALID_ARGUMENT',
    });
    await t.rejects(mock.createTopic('bad topic', 1), {
      code: 'KAFKA_MOCK_INVALID_ARGUMENT',
    });
    await t.rejects(
      mock.createTopic('t', 1, 3),
      { code: 'KAFKA_MOCK_INVALID_ARGUMENT' },
      'replication above broker count',
    );
    await t.rejects(mock.pushErrors(0, []), {
      code: 'KAFKA_MOCK_INVALID_ARGUMENT',
    });
    await t.rejects(mock.setRtt(1, -1), {
      code: 'KAFKA_MOCK_INVALID_ARGUMENT',
    });

    // Concurrent calls must each get their own reply.
    const results = await Promise.allSettled([mock.brokerDown(1), mock.createTopic('bad topic', 1), mock.brokerUp(1)]);
    t.same(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );

    await mock.stop();
    await mock.stop();
    const err = await mock.brokerUp(1).catch((e: unknown) => e);
    t.ok(err instanceof KafkaMockError && err.code === 'KAFKA_MOCK_STOPPED', 'calls after stop reject');
  });

  t.test('a stopped cluster no longer accepts connections', async (t) => {
    const { connect } = await import('node:net');
    const mock = await startKafkaMock({ brokers: 1 });
    const [host, port] = mock.brokers[0]!.split(':');
    await mock.stop();
    const outcome = await new Promise<string>((resolve) => {
      const sock = connect(Number(port), host);
      sock.once('connect', () => {
        sock.destroy();
        resolve('connected');
      });
      sock.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    t.equal(outcome, 'ECONNREFUSED');
  });

  t.test('rejects a bad broker count before spawning', async (t) => {
    await t.rejects(startKafkaMock({ brokers: 0 }), {
      code: 'KAFKA_MOCK_INVALID_ARGUMENT',
    });
  });
}
