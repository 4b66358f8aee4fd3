/**
 * tap's `before` hook (.taprc): with TONGXIN_TEST_KAFKA=1, starts the one Kafka broker the whole
 * test run shares (packages/test-harness/src/kafka-shared.ts) and returns once it answers; with
 * TONGXIN_TEST_CHROMIUM=1, starts building in the background the seeded county that the portal files
 * copy (tests/portal/county-template.ts). Nothing otherwise — `npm test` on a machine with only Node
 * starts no JVM and no county.
 */
import { kafkaBrokerAvailable } from '../packages/test-harness/src/kafka-broker.ts';
import { startSharedBroker } from '../packages/test-harness/src/kafka-shared.ts';
import { startTemplateBuild } from '../tests/portal/county-template.ts';

// The parent is the tap runner: what this hook starts lives as long as it, and the `after` hook stops it.
if (process.env.TONGXIN_TEST_CHROMIUM === '1') startTemplateBuild(process.ppid);

if (process.env.TONGXIN_TEST_KAFKA === '1') {
  if (!kafkaBrokerAvailable()) {
    console.error(
      'TONGXIN_TEST_KAFKA=1 but the Kafka test broker is not fetched (bash infra/kafka/fetch.sh) or Java is missing',
    );
    process.exit(1);
  }
  const started = Date.now();
  const state = await startSharedBroker(process.ppid);
  console.error(`# Kafka test broker on ${state.brokers.join(',')} (${Date.now() - started} ms)`);
}
