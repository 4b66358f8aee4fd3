import { join } from 'node:path';
import { killProbe, startProbe, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';

const PROBE = join(import.meta.dirname, 'support', 'probe-consumer.ts');

const probe = (mode: string, settings: Record<string, string>) =>
  startProbe(PROBE, mode, {
    DATABASE_URL: settings.DATABASE_URL!,
    KAFKA_BROKERS: settings.KAFKA_BROKERS ?? '',
    KAFKA_TOPIC_PREFIX: settings.KAFKA_TOPIC_PREFIX ?? '',
    KAFKA_TOPIC_PARTITIONS: settings.KAFKA_TOPIC_PARTITIONS ?? '',
  });

t.test('worker.registered is handled once in effect by a consumer killed while handling it', async (t) => {
  const stack = await startStack({ services: ['worker-profile'] });
  t.teardown(() => stack.stop());
  const officer = await stack.login('officer.yixing');
  const created = await stack.api.post('/api/v1/workers', workerInput(), officer);
  t.equal(created.status, 201);
  const workerId = created.body.id as string;

  const db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
  t.teardown(() => db.end());
  const effects = async () =>
    Number((await db.query('SELECT count(*) AS n FROM probe.effects WHERE worker_id = $1', [workerId])).rows[0].n);

  const first = probe('hang-in-handler', stack.settings);
  t.teardown(() => killProbe(first.child));
  await first.waitFor(`IN_HANDLER ${workerId}`);
  await killProbe(first.child);
  t.equal(await effects(), 0, 'killed inside the transaction: the effect was rolled back');

  const second = probe('hang-after-commit', stack.settings);
  t.teardown(() => killProbe(second.child));
  await second.waitFor(`COMMITTED ${workerId}`);
  await killProbe(second.child);
  t.equal(await effects(), 1, 'committed once; the bus never heard it was handled');

  const third = probe('normal', stack.settings);
  t.teardown(() => killProbe(third.child));
  const outcome = await third.waitFor(`DUPLICATE ${workerId}`);
  t.ok(outcome, 'the event came again and the inbox recognised it');
  t.equal(await effects(), 1, 'the effect happened exactly once');
});
