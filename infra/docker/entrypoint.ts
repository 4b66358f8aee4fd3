/**
 * The image's one command. SERVICE names the service to run (`services/<SERVICE>/src/server.ts`);
 * SERVICE=migrate applies every service schema's pending migrations against DATABASE_URL and exits,
 * so that compose's one-shot `migrate` service and the Kubernetes Job migrate before any replica
 * starts (the services still migrate on start: it is idempotent, and a table lock serialises racers).
 * SERVICE=meili-key creates (once) the Meilisearch key matching uses, with only the rights it needs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createPool, migrate } from '@tongxin/db';
import { platformMigrations } from '@tongxin/service-platform';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Each service's schema (its src/config.ts or app.ts names the same). */
const SERVICE_SCHEMAS: Record<string, string> = {
  'worker-profile': 'worker_profile',
  employer: 'employer',
  matching: 'matching',
  training: 'training',
  placement: 'placement',
  gateway: 'gateway',
};

async function migrateAll(databaseUrl: string): Promise<Record<string, string[]>> {
  const pool = createPool(databaseUrl, { max: 2, applicationName: 'migrate' });
  try {
    const applied: Record<string, string[]> = {};
    for (const [service, schema] of Object.entries(SERVICE_SCHEMAS)) {
      applied[service] = await migrate(pool, {
        schema,
        dir: join(ROOT, 'services', service, 'src', 'migrations'),
        preamble: platformMigrations(schema),
      });
    }
    return applied;
  } finally {
    await pool.end();
  }
}

/**
 * What the matching service does with Meilisearch (services/matching/src/search/meili-engine.ts):
 * creates its indexes and their settings, writes and deletes documents, searches, counts, and waits
 * on tasks. Nothing else, and only on its own indexes (MEILI_INDEX_PREFIX).
 */
const MATCHING_MEILI_ACTIONS = [
  'search',
  'documents.add',
  'documents.delete',
  'indexes.create',
  'indexes.get',
  'settings.get',
  'settings.update',
  'stats.get',
  'tasks.get',
  'version',
];

/**
 * Creates the matching service's key with the master key (once: under a fixed uid, so that a second run
 * finds it) and writes its value to MEILI_API_KEY_FILE, which the matching container reads; the master
 * key itself never reaches matching.
 */
async function createMeiliKey(env: NodeJS.ProcessEnv): Promise<void> {
  const { MEILI_URL: url, MEILI_MASTER_KEY: master, MEILI_API_KEY_FILE: file } = env;
  if (!url || !master || !file)
    throw new Error('SERVICE=meili-key needs MEILI_URL, MEILI_MASTER_KEY and MEILI_API_KEY_FILE');
  const uid = env.MEILI_API_KEY_UID ?? '5b1d3c9e-7f0a-4c2e-9d41-6a8b2f0e1c37';
  const prefix = env.MEILI_INDEX_PREFIX ?? 'tongxin';
  const headers = { authorization: `Bearer ${master}`, 'content-type': 'application/json' };
  const created = await fetch(new URL('/keys', url), {
    method: 'POST',
    headers,
    body: JSON.stringify({
      uid,
      name: 'tongxin-matching',
      description: 'the matching service: its own indexes only',
      actions: MATCHING_MEILI_ACTIONS,
      indexes: [`${prefix}_*`],
      expiresAt: null,
    }),
  });
  // 409: the key exists from an earlier run; read it back.
  if (!created.ok && created.status !== 409) {
    throw new Error(`Meilisearch refused the key: ${created.status} ${await created.text()}`);
  }
  const res = created.ok ? created : await fetch(new URL(`/keys/${uid}`, url), { headers });
  if (!res.ok) throw new Error(`Meilisearch did not return the key: ${res.status} ${await res.text()}`);
  const { key } = (await res.json()) as { key: string };
  // Readable by the matching container's user (node); the volume is mounted by matching alone.
  await writeFile(file, key, { mode: 0o644 });
  process.stdout.write(`meili-key: ${created.ok ? 'created' : 'exists'} (${MATCHING_MEILI_ACTIONS.join(', ')})\n`);
}

/** Settings that may come as files (`NAME_FILE=/path`): compose and Kubernetes can hand secrets over so. */
const FROM_FILES = [
  'MEILI_API_KEY',
  'JWT_SECRET',
  'PII_ENCRYPTION_KEY',
  'PII_HASH_KEY',
  'PHONE_ENCRYPTION_KEY',
  'DATABASE_URL',
];
for (const name of FROM_FILES) {
  const path = process.env[`${name}_FILE`];
  if (path && !process.env[name] && existsSync(path)) process.env[name] = readFileSync(path, 'utf8').trim();
}

const service = process.env.SERVICE ?? '';
if (service === 'meili-key') {
  await createMeiliKey(process.env);
} else if (service === 'migrate') {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('SERVICE=migrate needs DATABASE_URL\n');
    process.exit(2);
  }
  const applied = await migrateAll(url);
  for (const [name, steps] of Object.entries(applied)) {
    process.stdout.write(`${name}: ${steps.length ? steps.join(', ') : 'up to date'}\n`);
  }
} else {
  const server = join(ROOT, 'services', service, 'src', 'server.ts');
  if (!/^[a-z-]+$/.test(service) || !existsSync(server)) {
    process.stderr.write(
      `SERVICE must name a service (${Object.keys(SERVICE_SCHEMAS).join(', ')}) migrate or meili-key\n`,
    );
    process.exit(2);
  }
  await import(server);
}
