import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedPostgres } from '@tongxin/db';
import { ApiClient, DEMO_PASSWORD, eventually } from '@tongxin/test-harness';
import { testEnvironment } from '@tongxin/test-harness/environment';
import pg from 'pg';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';
import { freePort, launch } from './support/launcher.ts';

const ROOT = join(import.meta.dirname, '..');
const run = promisify(execFile);

/** Rows of every table of every Tongxin schema (not PostgreSQL's own). */
async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    );
    const out: Record<string, number> = {};
    for (const { s, t: table } of tables.rows) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${s}"."${table}"`);
      out[`${s}.${table}`] = rows[0]!.n;
    }
    return out;
  } finally {
    await client.end();
  }
}

const script = (name: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', name), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });

// Starting a county from cold takes its time on a busy machine (the backup and restore themselves: seconds).
t.setTimeout(900_000);

// Issue 18 item 7: `npm run backup` of a running embedded county, `npm run restore` into a new data
// directory, every count equal. The embedded mode is the one with this backup: no variable changes it, so
// the distributed run (which sets them) would only repeat it, minutes of CI for nothing.
const distributed = Boolean(testEnvironment().postgresUrl);
if (distributed) t.plan(0, 'the embedded mode’s backup: run by the embedded run (without TONGXIN_TEST_POSTGRES_URL)');
else
  t.test('a running embedded county backs up and restores with every count equal', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tongxin-backup-'));
    const restoredDir = await mkdtemp(join(tmpdir(), 'tongxin-restored-'));
    const backupDir = join(dataDir, '..', `${dataDir.split('/').pop()}-backup`);
    t.teardown(async () => {
      for (const dir of [dataDir, restoredDir, backupDir]) await rm(dir, { recursive: true, force: true });
    });
    const dbPort = await freePort();
    const settings = {
      TONGXIN_DATA_DIR: dataDir,
      TONGXIN_SEED: 'none',
      TONGXIN_SERVICES: 'worker-profile',
      TONGXIN_DB_PORT: String(dbPort),
    };
    const county = await launch(settings, 600_000);
    t.teardown(() => county.stop('SIGKILL'));
    const api = new ApiClient(county.url);
    // The launcher says "up" once it started everything; on a busy machine the gateway may still be coming.
    await eventually(
      'the gateway answers',
      async () => (await fetch(`${county.url}/health`).catch(() => undefined))?.ok,
      300_000,
    );
    const token = (await api.post('/api/v1/auth/token', { username: 'officer.yixing', password: DEMO_PASSWORD })).body
      .accessToken as string;
    for (let i = 0; i < 3; i++) t.equal((await api.post('/api/v1/workers', workerInput(), token)).status, 201);

    const liveUrl = `postgres://postgres:postgres@127.0.0.1:${dbPort}/postgres?sslmode=disable`;
    const before = await counts(liveUrl);
    t.ok((before['worker_profile.workers'] ?? 0) >= 3, 'the workers are in the live database');

    const backup = await script('backup.ts', [backupDir], { TONGXIN_DATA_DIR: dataDir });
    t.match(backup.stdout, /backup of the running county/);
    const manifest = JSON.parse(await readFile(join(backupDir, 'manifest.json'), 'utf8')) as { files: string[] };
    t.same(manifest.files.sort(), ['pg.tar.gz', 'secrets.json'], 'the database and the keys');
    t.equal((await stat(join(backupDir, 'pg.tar.gz'))).mode & 0o077, 0, 'readable by its owner only');
    // Nothing was written meanwhile: the live database still has exactly what the backup must hold.
    t.same(await counts(liveUrl), before);
    await county.stop('SIGTERM');

    const restored = await script('restore.ts', [backupDir], { TONGXIN_DATA_DIR: restoredDir });
    t.match(restored.stdout, /restored the backup/);
    t.same(
      JSON.parse(await readFile(join(restoredDir, 'secrets.json'), 'utf8')),
      JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')),
      'the keys came along',
    );
    const again = await script('restore.ts', [backupDir], { TONGXIN_DATA_DIR: restoredDir }).catch(
      (err: { code: number; stdout: string }) => err,
    );
    t.match(again, { code: 2, stdout: /holds a database already/ }, 'never over an existing database');

    const db = await startEmbeddedPostgres({ dataDir: join(restoredDir, 'pg') });
    t.teardown(() => db.stop());
    const after = await counts(db.connectionString);
    t.same(after, before, `every count equal (${Object.keys(before).length} tables)`);
  });
