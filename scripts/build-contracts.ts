/**
 * npm run contracts — writes, from the event schemas in contracts/events/:
 * - packages/events/src/event-types.generated.ts, the payload types producers and consumers are typed by;
 * - docs/event-catalogue.md;
 * - contracts/asyncapi.json (producer from each schema's `source`, consumers from CONSUMERS);
 * and contracts/openapi.json from the gateway's combined document of a running stack.
 * tests/contracts.test.ts fails when any of them is stale.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED, generatedFiles } from './lib/generated-files.ts';
import { liveOpenApi } from '../tests/support/contracts.ts';

const root = join(import.meta.dirname, '..');
for (const [path, text] of Object.entries(await generatedFiles())) await writeFile(join(root, path), text);
await writeFile(join(root, 'contracts', 'openapi.json'), `${JSON.stringify(await liveOpenApi(), null, 2)}\n`);
console.log(`${Object.keys(GENERATED).join(', ')} and contracts/openapi.json written`);
