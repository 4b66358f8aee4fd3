/**
 * npm run contracts — writes contracts/asyncapi.json from the event schemas (producer from each
 * schema's `source`, consumers from CONSUMERS below) and contracts/openapi.json from the gateway's
 * combined document of a running stack. tests/contracts.test.ts fails when either is stale.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAsyncApi, liveOpenApi } from '../tests/support/contracts.ts';

const root = join(import.meta.dirname, '..');
await writeFile(join(root, 'contracts', 'asyncapi.json'), `${JSON.stringify(await buildAsyncApi(), null, 2)}\n`);
await writeFile(join(root, 'contracts', 'openapi.json'), `${JSON.stringify(await liveOpenApi(), null, 2)}\n`);
console.log('contracts/asyncapi.json and contracts/openapi.json written');
