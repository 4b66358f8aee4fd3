import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { DEFAULT_CONTRACTS_DIR, EventSchemas, EventsError, createCloudEvent } from '../src/index.ts';
import { testSchemaDir } from './helpers/schemas.ts';

const event = (overrides: Record<string, unknown> = {}) => ({
  ...createCloudEvent({ type: 'worker.tested', source: '/tongxin/events-test', subject: 'w-1', data: { seq: 1 } }),
  ...overrides,
});

t.test('validates envelopes and data against the type’s schema', async (t) => {
  const schemas = new EventSchemas({ dir: testSchemaDir() });
  t.same(schemas.types(), ['employer.tested', 'worker.tested']);
  t.doesNotThrow(() => schemas.validate(event()));

  const err = t.throws(() => schemas.validate(event({ data: { seq: -1, extra: true } }))) as EventsError;
  t.equal(err.code, 'EVENTS_INVALID_EVENT');
  t.match(err.message, /\/data\/seq must be >= 0/);
  t.ok(Array.isArray(err.details) && (err.details as unknown[]).length >= 2, 'every violation is listed');

  for (const bad of [
    { specversion: '0.3' },
    { id: 'not-a-uuid' },
    { time: 'yesterday' },
    { source: 'worker' },
    { subject: '' },
  ]) {
    t.throws(() => schemas.validate(event(bad)), { code: 'EVENTS_INVALID_EVENT' }, JSON.stringify(bad));
  }
  t.throws(() => schemas.validate(event({ type: 'worker.unknown' })), { code: 'EVENTS_SCHEMA_MISSING' });
  t.throws(() => schemas.validate(null), { code: 'EVENTS_INVALID_EVENT' });
});

t.test('a broken schema fails at load, naming the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-events-bad-'));
  copyFileSync(join(DEFAULT_CONTRACTS_DIR, 'envelope.json'), join(dir, 'envelope.json'));
  writeFileSync(join(dir, 'worker.typo.json'), JSON.stringify({ $ref: 'envelope.json', propertees: {} }));
  t.throws(() => new EventSchemas({ dir }), { code: 'EVENTS_SCHEMA_LOAD_FAILED', message: /worker\.typo\.json/ });
  t.throws(() => new EventSchemas({ dir: join(dir, 'missing') }), { code: 'EVENTS_SCHEMA_LOAD_FAILED' });
});

t.test('the repository’s contracts compile', async (t) => {
  const schemas = new EventSchemas();
  t.equal(schemas.dir, DEFAULT_CONTRACTS_DIR);
  t.ok(Array.isArray(schemas.types()));
});
