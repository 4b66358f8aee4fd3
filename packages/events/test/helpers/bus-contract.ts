import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Test } from 'tap';
import {
  consumeBatchOnce,
  consumeOnce,
  createCloudEvent,
  EventSchemas,
  Outbox,
  OutboxRelay,
  outboxMigrationSql,
  type CloudEvent,
  type DeliveredMessage,
  type EventBus,
  type RetryOptions,
} from '../../src/index.ts';
import { recordingLogger } from './logger.ts';
import { testSchemaDir } from './schemas.ts';
import { deferred, delay, waitFor } from './wait.ts';

/** What the contract suite needs from one bus implementation. */
export interface BusFixture {
  /** A new connected bus instance on the shared backend; the fixture closes it at teardown. */
  newBus(options?: { retry?: RetryOptions; stopGraceMs?: number }): Promise<EventBus>;
  /** Database for outbox and inbox tables. */
  pool: pg.Pool;
  /** Upper bound for a message to arrive (group joins are slow on Kafka). */
  deliveryTimeoutMs: number;
  /**
   * Creates the contract's own topics (logical names) before it uses them, on a broker that creates
   * no topic by itself (a real Kafka broker, ADR 0002). Left out where topics appear on first use.
   */
  createTopics?(names: string[]): Promise<void>;
}

export const rand = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

/** A new random topic, created on the fixture's broker where it needs that. */
async function newTopic(fx: BusFixture, prefix: string): Promise<string> {
  const name = rand(prefix);
  await fx.createTopics?.([name]);
  return name;
}

export const testEvent = (subject: string, seq: number, type = 'worker.tested'): CloudEvent<{ seq: number }> =>
  createCloudEvent({ type, source: '/tongxin/events-test', subject, data: { seq } });

type Seq = CloudEvent<{ seq: number }>;

/** Creates a service schema with outbox, inbox and an `effects` table counting side effects. */
export async function serviceSchema(pool: pg.Pool): Promise<string> {
  const schema = rand('svc');
  await pool.query(outboxMigrationSql(schema));
  await pool.query(`CREATE TABLE ${schema}.effects (event_id text NOT NULL, seq int NOT NULL)`);
  return schema;
}

const effect = (schema: string, event: Seq) => async (client: pg.PoolClient) => {
  await client.query(`INSERT INTO ${schema}.effects (event_id, seq) VALUES ($1, $2)`, [event.id, event.data.seq]);
};

const countEffects = async (pool: pg.Pool, schema: string): Promise<{ total: number; distinct: number }> => {
  const { rows } = await pool.query<{ total: number; distinct: number }>(
    `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM ${schema}.effects`,
  );
  return rows[0]!;
};

/** A new bus and topic, subscribed by a new group that records each subject's seqs as they arrive. */
async function seqsBySubject(t: Test, fx: BusFixture, prefix: string) {
  const bus = await fx.newBus();
  const topic = await newTopic(fx, prefix);
  const seen = new Map<string, number[]>();
  const sub = await bus.subscribe({
    groupId: rand('g'),
    topics: [topic],
    handler: async (event) => {
      const e = event as Seq;
      seen.set(e.subject, [...(seen.get(e.subject) ?? []), e.data.seq]);
    },
  });
  t.teardown(() => sub.stop());
  return { bus, topic, seen };
}

/** The behaviour every {@link EventBus} promises, run against one implementation. */
export function busContract(t: Test, fixture: () => BusFixture): void {
  t.test("reports a group's lag per topic: what it has not committed, then 0 once caught up", async (t) => {
    const fx = fixture();
    const bus = await fx.newBus();
    const topic = rand('t.lag');
    const quiet = rand('t.quiet');
    await fx.createTopics?.([topic, quiet]);
    const group = rand('g.lag');
    const events = Array.from({ length: 7 }, (_, i) => testEvent(`w${i % 3}`, i));
    await bus.publish(events.map((event) => ({ topic, key: event.subject, event })));
    const [behind, none] = await bus.lag(group, [topic, quiet]);
    t.same(behind?.topic, topic);
    t.equal(behind?.events, 7, 'a group that never consumed is behind by every message');
    t.ok(behind?.secondsBehind === null || behind!.secondsBehind >= 0, 'an age, or null where the bus cannot tell');
    t.same(none, { topic: quiet, events: 0, secondsBehind: 0 }, 'a topic without messages');

    const seen = new Set<string>();
    const sub = await bus.subscribe({
      groupId: group,
      topics: [topic],
      fromBeginning: true,
      handler: async (e) => void seen.add(e.id),
    });
    t.teardown(() => sub.stop());
    await waitFor(
      'the lag to reach 0',
      async () => (await bus.lag(group, [topic]))[0]!.events === 0,
      fx.deliveryTimeoutMs,
    );
    t.equal(seen.size, 7);
    t.same(await bus.lag(group, [topic]), [{ topic, events: 0, secondsBehind: 0 }]);
  });

  t.test('keeps per-key order with many keys interleaved', async (t) => {
    const fx = fixture();
    const { bus, topic, seen } = await seqsBySubject(t, fx, 't.order');
    const keys = Array.from({ length: 12 }, (_, i) => `agg-${i}-${randomBytes(3).toString('hex')}`);
    const perKey = 15;
    const all = [];
    for (let seq = 0; seq < perKey; seq++) for (const key of keys) all.push({ topic, key, event: testEvent(key, seq) });
    for (let i = 0; i < all.length; i += 30) await bus.publish(all.slice(i, i + 30));

    await waitFor('every event', () => keys.every((k) => new Set(seen.get(k)).size === perKey), fx.deliveryTimeoutMs);
    for (const key of keys) {
      // At least once: a redelivery may repeat a suffix, but first deliveries are in order.
      const firsts = [...new Set(seen.get(key))];
      t.same(firsts, [...Array(perKey).keys()], `order of ${key}`);
    }
  });

  t.test('a publish of megabytes (the relay batching large events) arrives whole and in key order', async (t) => {
    const fx = fixture();
    const { bus, topic, seen } = await seqsBySubject(t, fx, 't.large');
    // 80 events of 60 KB, 4.8 MB in one call: as matching's opening.matched events reach the relay,
    // and several times the 1 MiB a Kafka broker takes in a partition's batch by default.
    const pad = 'x'.repeat(60_000);
    const keys = ['big-a', 'big-b', 'big-c', 'big-d'].map((k) => `${k}-${randomBytes(3).toString('hex')}`);
    const events = Array.from({ length: 80 }, (_, i) =>
      createCloudEvent({
        type: 'worker.tested',
        source: '/tongxin/events-test',
        subject: keys[i % 4]!,
        data: { seq: i, pad },
      }),
    );
    await bus.publish(events.map((event) => ({ topic, key: event.subject, event })));
    await waitFor('all 80', () => keys.every((k) => new Set(seen.get(k)).size === 20), fx.deliveryTimeoutMs);
    keys.forEach((key, k) =>
      t.same(
        [...new Set(seen.get(key))],
        Array.from({ length: 20 }, (_, i) => k + 4 * i),
        `order of ${key}`,
      ),
    );
  });

  t.test('retries a failing handler on the same message, never skipping or reordering', async (t) => {
    const fx = fixture();
    const bus = await fx.newBus({ retry: { initialMs: 20, maxMs: 100 } });
    const topic = await newTopic(fx, 't.retry');
    const handled: number[] = [];
    let failures = 0;
    const sub = await bus.subscribe({
      groupId: rand('g'),
      topics: [topic],
      handler: async (event) => {
        const { seq } = (event as Seq).data;
        if (seq === 2 && failures < 3) {
          failures++;
          throw new Error('downstream unavailable');
        }
        handled.push(seq);
      },
    });
    t.teardown(() => sub.stop());
    await bus.publish([0, 1, 2, 3, 4].map((seq) => ({ topic, key: 'one-key', event: testEvent('one-key', seq) })));
    await waitFor('all five', () => handled.length >= 5, fx.deliveryTimeoutMs);
    t.equal(failures, 3);
    t.same(handled.slice(0, 5), [0, 1, 2, 3, 4]);
  });

  t.test('redelivers to a new group member when one dies before committing; consumeOnce applies it once', async (t) => {
    const fx = fixture();
    const schema = await serviceSchema(fx.pool);
    const busA = await fx.newBus({ stopGraceMs: 200 });
    const busB = await fx.newBus();
    const topic = await newTopic(fx, 't.redeliver');
    const groupId = rand('g');
    const key = 'agg-redeliver';
    const holding = deferred();
    const never = new Promise<void>(() => undefined);

    const subA = await busA.subscribe({
      groupId,
      topics: [topic],
      handler: async (event) => {
        const e = event as Seq;
        await consumeOnce({ pool: fx.pool, schema, consumer: groupId, event: e, handle: effect(schema, e) });
        if (e.data.seq === 0) {
          holding.resolve();
          await never; // dies after the effect but before the bus commit
        }
      },
    });
    await busA.publish([0, 1].map((seq) => ({ topic, key, event: testEvent(key, seq) })));
    await holding.promise;
    await subA.stop();

    const gotB: { seq: number; applied: boolean }[] = [];
    const subB = await busB.subscribe({
      groupId,
      topics: [topic],
      handler: async (event) => {
        const e = event as Seq;
        const applied = await consumeOnce({
          pool: fx.pool,
          schema,
          consumer: groupId,
          event: e,
          handle: effect(schema, e),
        });
        gotB.push({ seq: e.data.seq, applied });
      },
    });
    t.teardown(() => subB.stop());
    await waitFor('seq 1 on B', () => gotB.some((g) => g.seq === 1), fx.deliveryTimeoutMs);
    t.same(gotB[0], { seq: 0, applied: false }, 'B gets the uncommitted message again; the inbox refuses it');
    t.same(
      gotB.find((g) => g.seq === 1),
      { seq: 1, applied: true },
    );
    t.same(await countEffects(fx.pool, schema), { total: 2, distinct: 2 }, 'each effect happened once');
  });

  t.test('every consumer group sees every event', async (t) => {
    const fx = fixture();
    const bus = await fx.newBus();
    const topic = await newTopic(fx, 't.groups');
    const got: [Set<string>, Set<string>] = [new Set(), new Set()];
    const subs = await Promise.all(
      got.map((set) =>
        bus.subscribe({ groupId: rand('g'), topics: [topic], handler: async (e) => void set.add(e.id) }),
      ),
    );
    t.teardown(() => Promise.all(subs.map((s) => s.stop())));
    const messages = Array.from({ length: 20 }, (_, i) => ({
      topic,
      key: `k${i % 5}`,
      event: testEvent(`k${i % 5}`, i),
    }));
    await bus.publish(messages);
    await waitFor('both groups', () => got.every((s) => s.size === 20), fx.deliveryTimeoutMs);
    t.pass('both groups got all 20');
  });

  t.test('a new group replays from the beginning, or starts at the end', async (t) => {
    const fx = fixture();
    const bus = await fx.newBus();
    const topic = await newTopic(fx, 't.replay');
    const old = Array.from({ length: 10 }, (_, i) => ({ topic, key: `k${i % 3}`, event: testEvent(`k${i % 3}`, i) }));
    await bus.publish(old);

    const replayed = new Set<number>();
    const latest: number[] = [];
    const subs = await Promise.all([
      bus.subscribe({
        groupId: rand('g'),
        topics: [topic],
        fromBeginning: true,
        handler: async (e) => void replayed.add((e as Seq).data.seq),
      }),
      bus.subscribe({
        groupId: rand('g'),
        topics: [topic],
        handler: async (e) => void latest.push((e as Seq).data.seq),
      }),
    ]);
    t.teardown(() => Promise.all(subs.map((s) => s.stop())));

    await bus.publish([10, 11, 12].map((seq) => ({ topic, key: 'k0', event: testEvent('k0', seq) })));
    await waitFor('replay', () => replayed.size === 13, fx.deliveryTimeoutMs);
    await waitFor('new events', () => latest.length >= 3, fx.deliveryTimeoutMs);
    await delay(200);
    t.same(
      [...new Set(latest)].sort((a, b) => a - b),
      [10, 11, 12],
      'the end-starting group gets only what came after',
    );
  });

  t.test('outbox → relay → bus: nothing lost when the relay dies between publishing and marking', async (t) => {
    const fx = fixture();
    const bus = await fx.newBus();
    const schema = await serviceSchema(fx.pool);
    const schemas = new EventSchemas({ dir: testSchemaDir() });
    const outbox = new Outbox<Record<string, unknown>>({ schema, schemas });
    const logger = recordingLogger();
    const groupId = rand('g');

    const deliveries: string[] = [];
    const sub = await bus.subscribe({
      groupId,
      topics: ['tongxin.worker', 'tongxin.employer'],
      handler: async (event) => {
        const e = event as Seq;
        if (!e.subject.startsWith(schema)) return; // the domain topics are shared between tests
        deliveries.push(e.id);
        await consumeOnce({ pool: fx.pool, schema, consumer: groupId, event: e, handle: effect(schema, e) });
      },
    });
    t.teardown(() => sub.stop());

    const client = await fx.pool.connect();
    try {
      await client.query('BEGIN');
      for (let seq = 0; seq < 5; seq++) await outbox.add(client, testEvent(`${schema}-w${seq % 2}`, seq));
      await outbox.add(client, testEvent(`${schema}-e`, 5, 'employer.tested'));
      await client.query('COMMIT');
    } finally {
      client.release();
    }

    const crashing: EventBus = {
      connect: () => bus.connect(),
      subscribe: (o) => bus.subscribe(o),
      ping: () => bus.ping(),
      lag: (g, ts) => bus.lag(g, ts),
      close: () => bus.close(),
      publish: async (messages) => {
        await bus.publish(messages);
        throw new Error('relay process died before marking the batch');
      },
    };
    const dying = new OutboxRelay({ pool: fx.pool, schema, bus: crashing, logger });
    await t.rejects(dying.drainOnce(), /died/);
    const pending = await fx.pool.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`);
    t.equal(pending.rows[0].n, 6, 'nothing marked');

    const relay = new OutboxRelay({ pool: fx.pool, schema, bus, logger });
    t.equal(await relay.drainOnce(), 6, 'the next relay publishes the batch again');
    t.equal(await relay.drainOnce(), 0);

    await waitFor('both copies', () => deliveries.length >= 12, fx.deliveryTimeoutMs);
    t.same(await countEffects(fx.pool, schema), { total: 6, distinct: 6 }, 'consumers deduplicate the second copy');
  });

  t.test(
    'a batch with a poison event: those before it applied once, the poison retried alone, nothing after it first',
    async (t) => {
      const fx = fixture();
      const schema = await serviceSchema(fx.pool);
      const bus = await fx.newBus({ retry: { initialMs: 20, maxMs: 100 } });
      const topic = await newTopic(fx, 't.poison');
      const groupId = rand('g');
      const key = 'agg-poison';
      // Published before the group starts, so that the first fetch holds all six in one batch.
      await bus.publish([0, 1, 2, 3, 4, 5].map((seq) => ({ topic, key, event: testEvent(key, seq) })));

      const committed: number[] = []; // seqs in the order their transactions committed
      const batches: number[][] = [];
      const poisonAttempts: { alone: boolean; committedBefore: number[] }[] = [];
      const apply = (alone: boolean) => async (e: Seq, client: pg.PoolClient) => {
        if (e.data.seq === 3 && poisonAttempts.length < 3) {
          poisonAttempts.push({ alone, committedBefore: [...committed] });
          throw new Error('poison');
        }
        await effect(schema, e)(client);
      };
      const sub = await bus.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handler: async (event) => {
          const e = event as Seq;
          const handle = apply(true);
          if (await consumeOnce({ pool: fx.pool, schema, consumer: groupId, event: e, handle: (c) => handle(e, c) }))
            committed.push(e.data.seq);
        },
        batchHandler: async (messages: DeliveredMessage[]) => {
          const events = messages.map((m) => m.event as Seq);
          batches.push(events.map((e) => e.data.seq));
          const applied: number[] = [];
          const handle = apply(false);
          await consumeBatchOnce({
            pool: fx.pool,
            schema,
            consumer: groupId,
            events,
            handle: async (e, c) => {
              await handle(e, c);
              applied.push(e.data.seq);
            },
          });
          committed.push(...applied);
        },
      });
      t.teardown(() => sub.stop());
      await waitFor('all six', () => committed.length >= 6, fx.deliveryTimeoutMs);

      t.ok(
        batches.length > 0 && batches[0]!.length > 1,
        `the first delivery is one batch (${JSON.stringify(batches)})`,
      );
      t.same(committed, [0, 1, 2, 3, 4, 5], 'each applied once, in order');
      t.same(await countEffects(fx.pool, schema), { total: 6, distinct: 6 }, 'the failed batch left nothing behind');
      t.equal(poisonAttempts[0]?.alone, false, 'the poison first failed its batch');
      t.ok(poisonAttempts.length === 3, 'then was retried');
      for (const a of poisonAttempts.slice(1)) {
        t.equal(a.alone, true, 'alone');
        t.same(a.committedBefore, [0, 1, 2], 'with the events before it committed and none after it');
      }
      t.same(await bus.lag(groupId, [topic]), [{ topic, events: 0, secondsBehind: 0 }], 'the group committed past all');
    },
  );

  t.test('a half-handled batch redelivered to a new member: nothing applied twice', async (t) => {
    const fx = fixture();
    const schema = await serviceSchema(fx.pool);
    const busA = await fx.newBus({ stopGraceMs: 200 });
    const busB = await fx.newBus();
    const topic = await newTopic(fx, 't.halfbatch');
    const groupId = rand('g');
    const key = 'agg-half';
    const events = [0, 1, 2, 3, 4, 5].map((seq) => testEvent(key, seq));
    await busA.publish(events.map((event) => ({ topic, key, event })));
    // A member before A applied 0 and 1 one by one and died before committing them.
    for (const e of events.slice(0, 2))
      await consumeOnce({ pool: fx.pool, schema, consumer: groupId, event: e, handle: effect(schema, e) });

    const batchHandler =
      (got: { seqs: number[]; applied: number }[], hang: boolean, holding?: () => void) =>
      async (messages: DeliveredMessage[]) => {
        const es = messages.map((m) => m.event as Seq);
        const applied = await consumeBatchOnce({
          pool: fx.pool,
          schema,
          consumer: groupId,
          events: es,
          handle: (e, c) => effect(schema, e)(c),
        });
        got.push({ seqs: es.map((e) => e.data.seq), applied });
        if (hang) {
          holding?.();
          await new Promise<void>(() => undefined); // dies after its transaction, before the bus commit
        }
      };
    const perMessage = async (event: CloudEvent) => {
      const e = event as Seq;
      await consumeOnce({ pool: fx.pool, schema, consumer: groupId, event: e, handle: effect(schema, e) });
    };
    const holding = deferred();
    const gotA: { seqs: number[]; applied: number }[] = [];
    const subA = await busA.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: perMessage,
      batchHandler: batchHandler(gotA, true, holding.resolve),
    });
    await holding.promise;
    await subA.stop();
    t.same(gotA, [{ seqs: [0, 1, 2, 3, 4, 5], applied: 4 }], 'A applied the four not yet applied, then died');

    const gotB: { seqs: number[]; applied: number }[] = [];
    const subB = await busB.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: perMessage,
      batchHandler: batchHandler(gotB, false),
    });
    t.teardown(() => subB.stop());
    await busB.publish([{ topic, key, event: testEvent(key, 6) }]);
    await waitFor(
      'the lag to reach 0',
      async () => (await busB.lag(groupId, [topic]))[0]!.events === 0,
      fx.deliveryTimeoutMs,
    );
    t.same(
      gotB.flatMap((g) => g.seqs).filter((s) => s < 6),
      [0, 1, 2, 3, 4, 5],
      'B gets the uncommitted batch again',
    );
    // Event 6 may share a batch with the redelivered ones (a real broker often fetches them together):
    // what a batch applied beyond its new events is what it applied twice.
    t.equal(
      gotB.reduce((n, g) => n + g.applied - g.seqs.filter((s) => s >= 6).length, 0),
      0,
      'and applies none of it',
    );
    t.same(await countEffects(fx.pool, schema), { total: 7, distinct: 7 }, 'each effect happened once');
  });
}
