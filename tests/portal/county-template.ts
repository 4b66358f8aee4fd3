/**
 * One seeded demo county per test run, copied for each portal file. Seeding 60 workers costs minutes
 * on CI's two cores, and every portal file used to pay it. tap's `before` hook (scripts/tap-before.ts)
 * starts the build in the background; `copyTemplate` waits for it and copies the stopped county's data
 * directory, so each file still has a county of its own: its start is a restart of a seeded county,
 * whose seed state makes every seed step skip.
 *
 * Run as a script (`tsx tests/portal/county-template.ts <owner pid>`), this file builds the template.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive as alive, launch } from '../support/launcher.ts';

const DIR = join(import.meta.dirname, '..', '..', '.cache', 'portal-template');
const DATA = join(DIR, 'data');
const BUILDING = join(DIR, 'building.json');
const READY = join(DIR, 'ready.json');
const FAILED = join(DIR, 'failed.json');

/** Starts building the template for the tap run `owner`, in its own process group, and returns at once. */
export function startTemplateBuild(owner: number): void {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const out = openSync(join(DIR, 'build.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, String(owner)], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  writeFileSync(BUILDING, JSON.stringify({ pid: child.pid, owner }));
  child.unref();
}

/** Stops a build still running for `owner` (with the county it started) and removes the template. */
export function stopTemplateBuild(owner: number): void {
  if (!existsSync(BUILDING)) return;
  const { pid, owner: builtFor } = JSON.parse(readFileSync(BUILDING, 'utf8')) as { pid: number; owner: number };
  if (builtFor !== owner) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already done.
  }
  rmSync(DIR, { recursive: true, force: true });
}

/**
 * Copies the run's template into `dataDir` once it is built. False when this run has no template
 * (a portal file run on its own) or its build failed: the caller then seeds as `npm start` does.
 */
export async function copyTemplate(dataDir: string): Promise<boolean> {
  if (!existsSync(BUILDING)) return false;
  const { pid, owner } = JSON.parse(readFileSync(BUILDING, 'utf8')) as { pid: number; owner: number };
  // A template left by a run that died is not this run's.
  if (!alive(owner)) return false;
  for (const until = Date.now() + 900_000; !existsSync(READY); await new Promise((r) => setTimeout(r, 1000))) {
    if (existsSync(FAILED) || !alive(pid) || Date.now() > until) {
      if (existsSync(READY)) break;
      return false;
    }
  }
  await cp(DATA, dataDir, { recursive: true });
  return true;
}

async function build(owner: number): Promise<void> {
  // The build dies with the tap run that wanted it, and takes its county along (one process group).
  setInterval(() => {
    if (!alive(owner)) process.kill(-process.pid, 'SIGKILL');
  }, 2000).unref();
  const started = Date.now();
  try {
    const county = await launch({ TONGXIN_DATA_DIR: DATA, TONGXIN_SEED_WORKERS: '60' }, 900_000);
    // A clean stop, so the copies start from a database that was shut down properly.
    await county.stop();
    const seedFailed = county.output.some((line) => line.includes('[seed] failed'));
    if (seedFailed) throw new Error(county.output.slice(-30).join('\n'));
    writeFileSync(READY, JSON.stringify({ ms: Date.now() - started }));
    console.log(`portal template built in ${Date.now() - started} ms`);
  } catch (err) {
    writeFileSync(FAILED, JSON.stringify({ message: (err as Error).message }));
    console.error(`portal template failed: ${(err as Error).message}`);
  }
  process.exit(0);
}

if (process.argv[1] === import.meta.filename) await build(Number(process.argv[2]));
