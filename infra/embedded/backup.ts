/**
 * Backups of the embedded mode (ADR 0021). A backup is a folder: `pg.tar.gz` (PGlite's data
 * directory, dumped under its exclusive lock, so consistent while the county runs), the keys
 * (`secrets.json`: without them the encrypted ID numbers and phones are unreadable) and the seed's
 * state, and `manifest.json`, written last, which marks it complete.
 *
 * A running launcher (`npm start`) takes the dump itself: `npm run backup` writes a request into the
 * data directory and signals the launcher, whose PID it finds in `launcher.json`.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_SIGNAL = 'SIGUSR2';
/** Small files of the data directory a backup carries beside the database. */
export const CARRIED_FILES = ['secrets.json', 'seed-state.json'];

export interface BackupManifest {
  format: 'tongxin-embedded-backup';
  version: 1;
  createdAt: string;
  files: string[];
}

export const launcherFile = (dataDir: string) => join(dataDir, 'launcher.json');
export const requestFile = (dataDir: string) => join(dataDir, 'backup-request.json');

/** Writes a backup of `dataDir` into `target` from a dump of its database. */
export async function writeBackup(dataDir: string, target: string, dump: () => Promise<Blob>): Promise<void> {
  await mkdir(target, { recursive: true });
  await rm(join(target, 'manifest.json'), { force: true });
  const tarball = await dump();
  await writeFile(join(target, 'pg.tar.gz'), Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
  const files = ['pg.tar.gz'];
  for (const name of CARRIED_FILES) {
    if (!existsSync(join(dataDir, name))) continue;
    await copyFile(join(dataDir, name), join(target, name));
    files.push(name);
  }
  const manifest: BackupManifest = {
    format: 'tongxin-embedded-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    files,
  };
  await writeFile(join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The launcher's side: answers a backup request found in the data directory. */
export async function answerBackupRequest(dataDir: string, dump: () => Promise<Blob>): Promise<string> {
  const { target } = JSON.parse(await readFile(requestFile(dataDir), 'utf8')) as { target: string };
  await rm(requestFile(dataDir), { force: true });
  try {
    await writeBackup(dataDir, target, dump);
  } catch (err) {
    // `npm run backup` waits for manifest.json or this.
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'error.txt'), (err as Error).message);
    throw err;
  }
  return target;
}
