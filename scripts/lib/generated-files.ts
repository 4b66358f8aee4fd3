import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildAsyncApi, renderEventCatalogue } from '../../tests/support/contracts.ts';
import { renderEventTypes } from './event-codegen.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Files generated from the event schemas, by path from the repository root. */
export const GENERATED = {
  'packages/events/src/event-types.generated.ts': renderEventTypes,
  'docs/event-catalogue.md': renderEventCatalogue,
  'contracts/asyncapi.json': async () => JSON.stringify(await buildAsyncApi(), null, 2),
} as const;

/** Each generated file's text, formatted as `npm run lint` expects it. */
export async function generatedFiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [path, render] of Object.entries(GENERATED)) {
    const file = join(ROOT, path);
    out[path] = await format(await render(), { ...(await resolveConfig(file)), filepath: file });
  }
  return out;
}
