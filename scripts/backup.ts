/**
 * `npm run backup [-- <folder>]`: a consistent backup of the embedded mode's data directory
 * (TONGXIN_DATA_DIR, default ./.data) into <folder> (default ./backups/tongxin-<time>), whether the
 * county is running (the launcher dumps its live database) or stopped (the files are opened here).
 * The distributed mode backs up with pg_dump per schema instead (README: Backups, ADR 0021).
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { BACKUP_SIGNAL, launcherFile, requestFile, writeBackup } from '../infra/embedded/backup.ts';

const dataDir = resolve(process.env.TONGXIN_DATA_DIR ?? '.data');
const target = resolve(process.argv[2] ?? join('backups', `tongxin-${new Date().toISOString().replace(/[:.]/g, '-')}`));
const say = (line: string) => process.stdout.write(`${line}\n`);

if (process.env.DATABASE_URL) {
  say('DATABASE_URL is set: this is the distributed mode — back up with pg_dump per schema (README: Backups).');
  process.exit(2);
}
if (!existsSync(join(dataDir, 'pg'))) {
  say(`no embedded database in ${dataDir} (set TONGXIN_DATA_DIR)`);
  process.exit(2);
}

/** The running launcher's PID, if one serves this data directory. */
async function runningLauncher(): Promise<number | undefined> {
  if (!existsSync(launcherFile(dataDir))) return undefined;
  const { pid } = JSON.parse(await readFile(launcherFile(dataDir), 'utf8')) as { pid: number };
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

const started = Date.now();
const pid = await runningLauncher();
if (pid) {
  await rm(join(target, 'manifest.json'), { force: true });
  await rm(join(target, 'error.txt'), { force: true });
  await writeFile(requestFile(dataDir), JSON.stringify({ target }));
  process.kill(pid, BACKUP_SIGNAL);
  const deadline = Date.now() + Number(process.env.TONGXIN_BACKUP_TIMEOUT_MS ?? 300_000);
  for (;;) {
    if (existsSync(join(target, 'manifest.json'))) break;
    if (existsSync(join(target, 'error.txt'))) {
      say(`backup failed: ${await readFile(join(target, 'error.txt'), 'utf8')}`);
      process.exit(1);
    }
    if (Date.now() > deadline) {
      say('the running county did not answer the backup request in time');
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`backup of the running county (launcher ${pid}) in ${target} (${Date.now() - started} ms)`);
} else {
  const db = await PGlite.create(join(dataDir, 'pg'));
  try {
    await writeBackup(dataDir, target, () => db.dumpDataDir('gzip'));
  } finally {
    await db.close();
  }
  say(`backup of the stopped county in ${target} (${Date.now() - started} ms)`);
}
say('It holds the keys (secrets.json): keep it as safe as the data directory itself.');
