export { startKafkaMock, type KafkaMock, type KafkaMockOptions } from './broker.ts';
export { buildKafkaMock, KAFKA_MOCK_BINARY, KAFKA_MOCK_SOURCE } from './build.ts';
export { KafkaMockError, type KafkaMockErrorCode } from './errors.ts';
