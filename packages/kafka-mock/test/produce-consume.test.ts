import t from 'tap';
import { connectConsumer, connectProducer, consume, setup, text, uniqueName } from './helpers.ts';
import { runsWith } from '@tongxin/test-harness/environment';

if (runsWith(t, 'kafka')) {
  t.test('keyed messages keep per-key order through a consumer group', async (t) => {
    const { kafka } = await setup(t);
    const topic = uniqueName('orders');
    const producer = await connectProducer(t, kafka);
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const perKey = 10;
    // Several sends so ordering is tested across produce requests, not just within one batch.
    for (let seq = 0; seq < perKey; seq++) {
      await producer.send({
        topic,
        messages: keys.map((key) => ({ key, value: String(seq) })),
      });
    }

    const consumer = await connectConsumer(t, kafka, uniqueName('group'));
    const got = await consume(consumer, topic, keys.length * perKey);

    const byKey = new Map<string, number[]>();
    const partitionOfKey = new Map<string, Set<number>>();
    for (const { partition, message } of got) {
      const key = text(message.key);
      byKey.set(key, [...(byKey.get(key) ?? []), Number(text(message.value))]);
      partitionOfKey.set(key, (partitionOfKey.get(key) ?? new Set()).add(partition));
    }
    const expected = Array.from({ length: perKey }, (_, i) => i);
    for (const key of keys) {
      t.same(byKey.get(key), expected, `key ${key} arrives complete and in order`);
      t.equal(partitionOfKey.get(key)?.size, 1, `key ${key} sticks to one partition`);
    }
    t.ok(new Set(got.map((r) => r.partition)).size > 1, 'auto-created topic has several partitions in use');
  });

  t.test('two consumer groups each receive every message', async (t) => {
    const { kafka } = await setup(t);
    const topic = uniqueName('fanout');
    const producer = await connectProducer(t, kafka);
    const values = Array.from({ length: 20 }, (_, i) => `m${i}`);
    await producer.send({
      topic,
      messages: values.map((value, i) => ({ key: `k${i % 4}`, value })),
    });

    const [c1, c2] = await Promise.all([
      connectConsumer(t, kafka, uniqueName('g1')),
      connectConsumer(t, kafka, uniqueName('g2')),
    ]);
    const [got1, got2] = await Promise.all([consume(c1, topic, values.length), consume(c2, topic, values.length)]);
    t.same(got1.map((r) => text(r.message.value)).sort(), [...values].sort(), 'group 1 sees all');
    t.same(got2.map((r) => text(r.message.value)).sort(), [...values].sort(), 'group 2 sees all');
  });
}
