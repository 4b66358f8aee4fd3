import t from 'tap';
import { connectConsumer, connectProducer, consume, setup, text, uniqueName } from './helpers.ts';
import { runsWith } from '@tongxin/test-harness/environment';

if (runsWith(t, 'kafka')) {
  t.test('a restarted consumer resumes after the committed offset', async (t) => {
    const { mock, kafka } = await setup(t);
    const topic = uniqueName('resume');
    const groupId = uniqueName('group');
    await mock.createTopic(topic, 2, 3);
    const producer = await connectProducer(t, kafka);
    const batch = (from: number): Array<{ key: string; value: string }> =>
      Array.from({ length: 6 }, (_, i) => ({
        key: `k${(from + i) % 3}`,
        value: `m${from + i}`,
      }));

    await producer.send({ topic, messages: batch(0) });
    const first = await connectConsumer(t, kafka, groupId);
    const firstGot = await consume(first, topic, 6);
    t.same(
      firstGot.map((r) => text(r.message.value)).sort(),
      batch(0)
        .map((m) => m.value)
        .sort(),
      'first consumer reads batch 1',
    );
    // kafkajs commits resolved offsets on disconnect; stopping it is the "crash-free restart" case.
    await first.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    t.teardown(() => admin.disconnect());
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    for (const { partition, high } of ends) {
      // kafkajs reports an uncommitted partition as -1; only partitions that got messages need a commit.
      const offset = committed!.partitions.find((p) => p.partition === partition)?.offset;
      t.equal(high === '0' ? '0' : offset, high, `partition ${partition} committed up to its end`);
    }

    await producer.send({ topic, messages: batch(6) });
    const second = await connectConsumer(t, kafka, groupId);
    // fromBeginning only applies without a committed offset, so this must skip batch 1.
    const secondGot = await consume(second, topic, 6);
    t.same(
      secondGot.map((r) => text(r.message.value)).sort(),
      batch(6)
        .map((m) => m.value)
        .sort(),
      'second consumer reads only batch 2',
    );
    await new Promise((r) => setTimeout(r, 300));
    t.equal(secondGot.length, 6, 'nothing from batch 1 is redelivered');
  });
}
