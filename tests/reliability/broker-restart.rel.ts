/**
 * The Kafka broker SIGKILLed under a steady stream of registrations and started again on the same
 * data: every registration reaches matching, exactly once, and no outbox keeps anything. A broker
 * of this file's own (the run's shared one must not die), the services on the idempotent producer.
 */
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { eventually, runsWith, startKafkaBroker, startStack } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../../services/worker-profile/test/fixtures.ts';
import { printFigures } from './support/figures.ts';

if (runsWith(t, 'kafka')) {
  const broker = await startKafkaBroker();
  const stack = await startStack({ services: ['worker-profile', 'matching'], kafkaBrokers: broker.brokers });
  const db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
  // In this order: services closing against a broker already gone would wait out every retry.
  t.teardown(async () => {
    await db.end();
    await stack.stop();
    await broker.stop();
    // Something of the stack's kafkajs clients outlives stack.stop() after the broker's restart and holds
    // the event loop (seen twice; not yet found): end the file once its results are out.
    setTimeout(() => process.exit(), 2_000).unref();
  });
  const officer = await stack.login('officer.yixing');

  t.test('broker SIGKILL and restart on its data: nothing lost, nothing applied twice', async (t) => {
    const registered: string[] = [];
    let stop = false;
    let refused = 0;
    // A well-behaved client: the same request (same Idempotency-Key) again after a 5xx, a network error
    // or a 409 saying the first is still running.
    const register = async () => {
      const key = randomUUID();
      const body = workerInput();
      for (;;) {
        const r = await stack.api
          .post('/api/v1/workers', body, officer, { 'idempotency-key': key })
          .catch(() => undefined);
        if (r?.status === 201) return r.body.id as string;
        // The first try is still running (its answer lost to a timeout): ask again for that answer.
        const running = r?.status === 409 && r.body?.code === 'IDEMPOTENCY_IN_PROGRESS';
        if (r && r.status < 500 && !running)
          throw new Error(`registration refused: ${r.status} ${JSON.stringify(r.body)}`);
        refused++;
        await new Promise((res) => setTimeout(res, 200));
      }
    };
    const load = (async () => {
      while (!stop) registered.push(await register());
    })();
    const atLeast = (n: number) => eventually(`${n} registrations`, async () => registered.length >= n, 60_000);

    await atLeast(5);
    await broker.kill();
    const killedAt = registered.length;
    // Writes go on while the broker is gone: they wait in worker-profile's outbox.
    await atLeast(killedAt + 5);
    const restartStarted = Date.now();
    await broker.start();
    const restartMs = Date.now() - restartStarted;
    await atLeast(registered.length + 5);
    stop = true;
    await load;

    const drainStarted = Date.now();
    await eventually(
      'worker-profile outbox published and matching caught up',
      async () => {
        const outbox = await db.query(
          'SELECT count(*)::int AS n FROM worker_profile.outbox WHERE published_at IS NULL',
        );
        const known = await db.query('SELECT count(*)::int AS n FROM matching.workers WHERE id = ANY($1)', [
          registered,
        ]);
        return outbox.rows[0].n === 0 && known.rows[0].n === registered.length;
      },
      180_000,
    );
    const drainMs = Date.now() - drainStarted;

    // Effects: each worker once in matching's read model, each event once in its inbox.
    const rows = await db.query('SELECT id, count(*)::int AS n FROM matching.workers WHERE id = ANY($1) GROUP BY id', [
      registered,
    ]);
    const effects = new Map(rows.rows.map((r: { id: string; n: number }) => [r.id, r.n]));
    const lost = registered.filter((id) => !effects.has(id)).length;
    const duplicated = [...effects.values()].filter((n) => n > 1).length;
    const eventIds = (
      await db.query(
        `SELECT payload->>'id' AS id FROM worker_profile.outbox WHERE payload->>'type' = 'worker.registered' AND key = ANY($1)`,
        [registered],
      )
    ).rows.map((r: { id: string }) => r.id);
    const inbox = await db.query(
      'SELECT consumer, event_id, count(*)::int AS n FROM matching.inbox WHERE event_id = ANY($1) GROUP BY 1, 2',
      [eventIds],
    );

    // On the broker: copies of each registration event in the log (a publish retried after the kill).
    const copies = await countInLog(broker.brokers, `${stack.kafka!.prefix}tongxin.worker`, new Set(eventIds));
    const inLog = [...copies.values()];
    printFigures('broker-restart', {
      registered: registered.length,
      duringOutage: registered.length - killedAt - 5,
      retriedRequests: refused,
      restartMs,
      drainMs,
      lost,
      duplicated,
      logMissing: eventIds.length - inLog.length,
      logCopiesAboveOne: inLog.filter((n) => n > 1).length,
    });
    t.equal(eventIds.length, registered.length, 'one worker.registered per registration in the outbox');
    t.equal(lost, 0, 'every registration reached matching');
    t.equal(duplicated, 0, 'none twice in matching');
    t.ok(
      inbox.rows.every((r: { n: number }) => r.n === 1),
      'each event handled once per consumer',
    );
    t.equal(inLog.length, eventIds.length, 'every event is in the broker’s log after the restart');
  });
}

/** How many times each of `ids` (CloudEvent ids) is in the topic, read from the beginning. */
async function countInLog(brokers: string[], topic: string, ids: Set<string>): Promise<Map<string, number>> {
  const kafka = new kafkajs.Kafka({ brokers, clientId: 'broker-restart-scan', logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  const counts = new Map<string, number>();
  let read = 0;
  const consumer = kafka.consumer({ groupId: `broker-restart-scan-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${read} of ${total} messages in 60 s`)), 60_000);
    if (total === 0) return resolve();
    void consumer.run({
      eachMessage: async ({ message }) => {
        read++;
        const id = message.headers?.ce_id?.toString();
        if (id && ids.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
        if (read >= total) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return counts;
}
