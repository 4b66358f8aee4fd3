/** tap's `after` hook (.taprc): stops the Kafka broker that this run's `before` hook started. */
import { stopSharedBroker } from '../packages/test-harness/src/kafka-shared.ts';

await stopSharedBroker(process.ppid);
