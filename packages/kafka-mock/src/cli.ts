/**
 * Runs a mock Kafka cluster until SIGINT/SIGTERM and prints `KAFKA_BROKERS=<list>`
 * so scripts can `eval`/grep it. Broker count: `--brokers N` or `KAFKA_MOCK_BROKERS`.
 */
import { startKafkaMock } from './broker.ts';

function brokerCount(): number | undefined {
  const i = process.argv.indexOf('--brokers');
  const raw = i >= 0 ? process.argv[i + 1] : process.env['KAFKA_MOCK_BROKERS'];
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

try {
  const count = brokerCount();
  const mock = await startKafkaMock(count === undefined ? {} : { brokers: count });
  process.stdout.write(`KAFKA_BROKERS=${mock.brokers.join(',')}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    mock.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
