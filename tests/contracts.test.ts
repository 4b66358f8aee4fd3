import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { generatedFiles } from '../scripts/lib/generated-files.ts';
import { buildAsyncApi, eventTypes, liveOpenApi } from './support/contracts.ts';

const contracts = join(import.meta.dirname, '..', 'contracts');
const read = async (f: string) => JSON.parse(await readFile(join(contracts, f), 'utf8'));

t.test('contracts/asyncapi.json is current: every event type, its producer and consumers', async (t) => {
  const committed = await read('asyncapi.json');
  t.same(committed, await buildAsyncApi(), 'run `npm run contracts` after changing an event schema');
  const types = await eventTypes();
  const named = Object.values(committed.components.messages).map((m: any) => m.name);
  t.same(named.sort(), types);
  for (const [id, op] of Object.entries(committed.operations) as [string, any][]) {
    if (op.action === 'send') t.not(op['x-service'], 'unknown', `${id} has a producer`);
  }
});

t.test('the event types and the catalogue are generated from the schemas as they are now', async (t) => {
  for (const [path, text] of Object.entries(await generatedFiles())) {
    t.equal(await readFile(join(import.meta.dirname, '..', path), 'utf8'), text, `${path}: run \`npm run contracts\``);
  }
});

t.test('contracts/openapi.json is the combined document the gateway serves', async (t) => {
  const committed = await read('openapi.json');
  const live = await liveOpenApi();
  t.same(
    Object.keys(committed.paths).sort(),
    Object.keys(live.paths as object).sort(),
    'run `npm run contracts` after changing a route',
  );
  t.same(committed, live);
});
