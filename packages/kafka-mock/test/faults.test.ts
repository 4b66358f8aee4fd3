import t from 'tap';
import { connectConsumer, connectProducer, consume, setup, text, uniqueName } from './helpers.ts';
import { runsWith } from '@tongxin/test-harness/environment';

if (runsWith(t, 'kafka')) {
  const PRODUCE = 0;
  const NOT_LEADER_FOR_PARTITION = 6;
  const REQUEST_TIMED_OUT = 7;

  t.test('no message is lost while the partition leader is down', async (t) => {
    const { mock, kafka } = await setup(t);
    const topic = uniqueName('outage');
    await mock.createTopic(topic, 1, 3);
    const admin = kafka.admin();
    await admin.connect();
    t.teardown(() => admin.disconnect());
    const [partition] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions;
    const leader = partition!.leader;
    t.ok(leader >= 1 && leader <= 3, `leader is broker ${leader}`);

    const producer = await connectProducer(t, kafka);
    const msg = (i: number): { key: string; value: string } => ({
      key: 'k',
      value: `m${i}`,
    });
    await producer.send({ topic, messages: [0, 1, 2].map(msg) });

    await mock.brokerDown(leader);
    const downAt = Date.now();
    // Leadership does not move in the mock, so these can only land once the broker is back.
    const during = producer.send({ topic, messages: [3, 4, 5].map(msg) });
    const settled = await Promise.race([
      during.then(() => 'sent'),
      new Promise((r) => setTimeout(() => r('pending'), 1000)),
    ]);
    t.equal(settled, 'pending', 'send cannot complete while the leader is down');
    await mock.brokerUp(leader);
    await during;
    t.comment(`send completed ${Date.now() - downAt} ms after the leader went down (1000 ms outage)`);
    await producer.send({ topic, messages: [6, 7].map(msg) });

    const consumer = await connectConsumer(t, kafka, uniqueName('group'));
    const got = await consume(consumer, topic, 8);
    t.same(
      got.map((r) => text(r.message.value)),
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `m${i}`),
      'every message arrives once, in order',
    );
  });

  t.test('kafkajs retries through injected retriable Produce errors', async (t) => {
    const { mock, kafka } = await setup(t);
    const topic = uniqueName('errors');
    await mock.createTopic(topic, 1, 3);
    const producer = await connectProducer(t, kafka);
    await producer.send({ topic, messages: [{ value: 'warm-up' }] });

    await mock.pushErrors(PRODUCE, [NOT_LEADER_FOR_PARTITION, REQUEST_TIMED_OUT, NOT_LEADER_FOR_PARTITION]);
    const started = Date.now();
    const [result] = await producer.send({
      topic,
      messages: [{ value: 'after-errors' }],
    });
    t.comment(`send succeeded ${Date.now() - started} ms after 3 injected errors`);
    t.equal(result?.errorCode, 0, 'send reports success');
    t.equal(result?.baseOffset, '1', 'message lands exactly once, after the warm-up');

    const admin = kafka.admin();
    await admin.connect();
    t.teardown(() => admin.disconnect());
    const [offsets] = await admin.fetchTopicOffsets(topic);
    t.equal(offsets?.high, '2', 'no duplicate from the failed attempts');
  });

  t.test('a non-retriable injected error surfaces to the caller', async (t) => {
    const { mock, kafka } = await setup(t);
    const topic = uniqueName('fatal');
    await mock.createTopic(topic, 1, 3);
    const producer = await connectProducer(t, kafka);
    const MESSAGE_TOO_LARGE = 10;
    await mock.pushErrors(PRODUCE, [MESSAGE_TOO_LARGE]);
    const err = await producer.send({ topic, messages: [{ value: 'x' }] }).catch((e: unknown) => e);
    t.match(err, { type: 'MESSAGE_TOO_LARGE' }, 'send rejects with the injected error');
    await producer.send({ topic, messages: [{ value: 'y' }] });
    t.pass('the next send succeeds once the error stack is drained');
  });

  t.test('rtt delays responses from a broker', async (t) => {
    const { mock, kafka } = await setup(t, { brokers: 1 });
    const topic = uniqueName('slow');
    const producer = await connectProducer(t, kafka);
    await producer.send({ topic, messages: [{ value: 'warm-up' }] });
    await mock.setRtt(1, 300);
    const started = Date.now();
    await producer.send({ topic, messages: [{ value: 'slow' }] });
    t.ok(Date.now() - started >= 250, `send took ${Date.now() - started} ms with 300 ms rtt`);
    await mock.setRtt(1, 0);
  });
}
