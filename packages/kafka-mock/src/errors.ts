/** Machine-readable reasons a kafka-mock operation failed. */
export type KafkaMockErrorCode =
  | 'KAFKA_MOCK_LIBRDKAFKA_MISSING'
  | 'KAFKA_MOCK_BUILD_FAILED'
  | 'KAFKA_MOCK_START_TIMEOUT'
  | 'KAFKA_MOCK_EXITED'
  | 'KAFKA_MOCK_COMMAND_FAILED'
  | 'KAFKA_MOCK_STOPPED'
  | 'KAFKA_MOCK_INVALID_ARGUMENT';

/** Error thrown by every kafka-mock API; branch on `code`, not on `message`. */
export class KafkaMockError extends Error {
  override readonly name = 'KafkaMockError';
  readonly code: KafkaMockErrorCode;

  constructor(code: KafkaMockErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
