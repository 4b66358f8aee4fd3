/**
 * `npm run restore -- <backup folder>`: a new embedded data directory (TONGXIN_DATA_DIR, default
 * ./.data) from a backup of `npm run backup`. It refuses a data directory that holds a database
 * already: restoring never overwrites one (move it aside first).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { restoreEmbeddedPostgres } from '@tongxin/db';
import type { BackupManifest } from '../infra/embedded/backup.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const source = process.argv[2];
if (!source) {
  say('usage: npm run restore -- <backup folder>   (into TONGXIN_DATA_DIR, default ./.data)');
  process.exit(2);
}
const from = resolve(source);
const dataDir = resolve(process.env.TONGXIN_DATA_DIR ?? '.data');
const manifestPath = join(from, 'manifest.json');
if (!existsSync(manifestPath)) {
  say(`${from} is no complete backup (no manifest.json)`);
  process.exit(2);
}
const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
if (manifest.format !== 'tongxin-embedded-backup' || manifest.version !== 1) {
  say(`${from}: unknown backup format ${manifest.format} ${manifest.version}`);
  process.exit(2);
}
const pgDir = join(dataDir, 'pg');
if (existsSync(pgDir) && (await readdir(pgDir)).length > 0) {
  say(`${pgDir} holds a database already: restore into a new TONGXIN_DATA_DIR, or move it aside`);
  process.exit(2);
}
const started = Date.now();
await mkdir(dataDir, { recursive: true });
await restoreEmbeddedPostgres(pgDir, new Blob([await readFile(join(from, 'pg.tar.gz'))]));
for (const name of manifest.files.filter((f) => f !== 'pg.tar.gz')) {
  await copyFile(join(from, name), join(dataDir, name));
}
say(`restored the backup of ${manifest.createdAt} into ${dataDir} (${Date.now() - started} ms); npm start serves it`);
