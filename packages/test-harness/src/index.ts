export { startStack, STACK_ACCOUNTS, DEMO_PASSWORD, type Stack, type StackOptions } from './stack.ts';
export { ApiClient, type ApiResponse } from './client.ts';
export {
  testEnvironment,
  describeEnvironment,
  runsWith,
  EXTRA_SUITES,
  CHROMIUM,
  type TestEnvironment,
  type ExtraSuite,
} from './environment.ts';
export { type ServiceName } from './services.ts';
export { stackBus, eventually, type StackBus } from './bus.ts';
export { type Probe, killProbe, startProbe } from './probe.ts';
export { type SignedInStack, signedInStack } from './signed-in.ts';
export {
  startKafkaBroker,
  kafkaBrokerAvailable,
  freePort,
  KafkaBrokerError,
  type KafkaBroker,
  type KafkaBrokerOptions,
} from './kafka-broker.ts';
export { testKafkaBrokers, stackPrefix, deleteStackTopics, sharedBroker } from './kafka-shared.ts';
