import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONTRACTS_DIR } from '../../src/index.ts';

let made: string | undefined;

/**
 * A contracts directory holding the real envelope plus `worker.tested` (data: {seq, note?})
 * and `employer.tested`, so tests do not depend on the services' schemas. One per process,
 * removed when the process exits.
 */
export function testSchemaDir(): string {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-events-schemas-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(DEFAULT_CONTRACTS_DIR, 'envelope.json'), join(dir, 'envelope.json'));
  for (const type of ['worker.tested', 'employer.tested']) {
    writeFileSync(
      join(dir, `${type}.json`),
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $ref: 'envelope.json',
        properties: {
          type: { const: type },
          data: {
            type: 'object',
            required: ['seq'],
            additionalProperties: false,
            properties: { seq: { type: 'integer', minimum: 0 }, note: { type: 'string' } },
          },
        },
      }),
    );
  }
  made = dir;
  return dir;
}
