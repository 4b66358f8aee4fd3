import { randomBytes } from 'node:crypto';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Consumer,
  type ConsumerConfig,
  type KafkaMessage,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import type { Test } from 'tap';
import { startKafkaMock, type KafkaMock, type KafkaMockOptions } from '../src/index.ts';

/** Unique per call so test files running in parallel never share a topic or group. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A mock cluster plus a kafkajs client for it, both torn down with the test. */
export async function setup(t: Test, opts: KafkaMockOptions = {}): Promise<{ mock: KafkaMock; kafka: Kafka }> {
  const mock = await startKafkaMock(opts);
  t.teardown(() => mock.stop());
  const kafka = new Kafka({
    clientId: uniqueName('test'),
    brokers: mock.brokers,
    logLevel: logLevel.NOTHING,
    // Fast retries keep fault-injection tests short; the count still outlasts a ~1 s outage.
    retry: { initialRetryTime: 50, maxRetryTime: 500, retries: 20 },
  });
  return { mock, kafka };
}

export async function connectProducer(t: Test, kafka: Kafka, config: ProducerConfig = {}): Promise<Producer> {
  // The mock refuses InitProducerId, so idempotence must stay off.
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: true,
    ...config,
  });
  await producer.connect();
  t.teardown(() => producer.disconnect());
  return producer;
}

export async function connectConsumer(
  t: Test,
  kafka: Kafka,
  groupId: string,
  config: Partial<ConsumerConfig> = {},
): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 4000,
    heartbeatInterval: 500,
    rebalanceTimeout: 3000,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: true,
    ...config,
  });
  await consumer.connect();
  t.teardown(() => consumer.disconnect());
  return consumer;
}

export interface Received {
  partition: number;
  message: KafkaMessage;
}

/** Subscribes from the beginning and resolves once `count` messages arrived. */
export async function consume(
  consumer: Consumer,
  topic: string,
  count: number,
  timeoutMs = 15_000,
): Promise<Received[]> {
  const got: Received[] = [];
  await consumer.subscribe({ topic, fromBeginning: true });
  return new Promise<Received[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`received ${got.length}/${count} messages from ${topic} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          got.push({ partition, message });
          if (got.length === count) {
            clearTimeout(timer);
            resolve(got);
          }
        },
      })
      .catch(reject);
  });
}

export function text(buf: Buffer | null): string {
  return buf === null ? '' : buf.toString('utf8');
}
