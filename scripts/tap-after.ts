/** tap's `after` hook (.taprc): stops the Kafka broker and the portal template that this run's `before` hook started. */
import { stopSharedBroker } from '../packages/test-harness/src/kafka-shared.ts';
import { stopTemplateBuild } from '../tests/portal/county-template.ts';

stopTemplateBuild(process.ppid);
await stopSharedBroker(process.ppid);
