/**
 * tap's `before` hook (.taprc): with TONGXIN_TEST_KAFKA=1, starts the one Kafka broker the whole
 * test run shares (packages/test-harness/src/kafka-shared.ts) and returns once it answers. Nothing
 * otherwise — `npm test` on a machine with only Node starts no JVM.
 */
import { kafkaBrokerAvailable } from '../packages/test-harness/src/kafka-broker.ts';
import { startSharedBroker } from '../packages/test-harness/src/kafka-shared.ts';

if (process.env.TONGXIN_TEST_KAFKA === '1') {
  if (!kafkaBrokerAvailable()) {
    console.error(
      'TONGXIN_TEST_KAFKA=1 but the Kafka test broker is not fetched (bash infra/kafka/fetch.sh) or Java is missing',
    );
    process.exit(1);
  }
  const started = Date.now();
  // The parent is the tap runner: the broker lives as long as it, and its `after` hook stops it.
  const state = await startSharedBroker(process.ppid);
  console.error(`# Kafka test broker on ${state.brokers.join(',')} (${Date.now() - started} ms)`);
}
