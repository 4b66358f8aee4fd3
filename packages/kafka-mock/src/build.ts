import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { KafkaMockError } from './errors.ts';

const INFRA_DIR = fileURLToPath(new URL('../../../infra/kafka-mock/', import.meta.url));

/** Path of the C source the broker binary is compiled from. */
export const KAFKA_MOCK_SOURCE = `${INFRA_DIR}kafka-mock.c`;

/** Path the compiled broker binary is written to (git-ignored). */
export const KAFKA_MOCK_BINARY = `${INFRA_DIR}build/kafka-mock`;

const INSTALL_HINT = 'install it with `apt-get install -y gcc librdkafka-dev`';

let pending: Promise<string> | undefined;

/**
 * Compiles the mock broker if the binary is missing or older than its source,
 * and resolves to the binary's path. Safe to call concurrently from many
 * processes: each compiles to a private temp file and renames it into place,
 * so a reader only ever sees a complete binary.
 */
export function buildKafkaMock(): Promise<string> {
  // One compile per process is enough; a failure is not cached so a retry
  // after installing librdkafka-dev works without restarting.
  pending ??= compileIfStale().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

async function mtimeMs(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function compileIfStale(): Promise<string> {
  const srcTime = await mtimeMs(KAFKA_MOCK_SOURCE);
  if (srcTime === undefined) {
    throw new KafkaMockError('KAFKA_MOCK_BUILD_FAILED', `kafka-mock source not found at ${KAFKA_MOCK_SOURCE}`);
  }
  const binTime = await mtimeMs(KAFKA_MOCK_BINARY);
  if (binTime !== undefined && binTime >= srcTime) return KAFKA_MOCK_BINARY;

  await mkdir(`${INFRA_DIR}build`, { recursive: true });
  const tmp = `${KAFKA_MOCK_BINARY}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await gcc(['-O2', '-o', tmp, KAFKA_MOCK_SOURCE, '-lrdkafka']);
    await rename(tmp, KAFKA_MOCK_BINARY);
  } finally {
    await rm(tmp, { force: true });
  }
  return KAFKA_MOCK_BINARY;
}

function gcc(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('gcc', args, { timeout: 120_000 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new KafkaMockError('KAFKA_MOCK_LIBRDKAFKA_MISSING', `gcc not found; ${INSTALL_HINT}`, { cause: err }),
        );
      }
      if (/rdkafka\S*\.h: No such file|cannot find -lrdkafka/.test(stderr)) {
        return reject(
          new KafkaMockError(
            'KAFKA_MOCK_LIBRDKAFKA_MISSING',
            `librdkafka-dev not found; ${INSTALL_HINT}\n${stderr.trim()}`,
            {
              cause: err,
            },
          ),
        );
      }
      reject(
        new KafkaMockError('KAFKA_MOCK_BUILD_FAILED', `gcc failed building kafka-mock:\n${stderr.trim()}`, {
          cause: err,
        }),
      );
    });
  });
}
