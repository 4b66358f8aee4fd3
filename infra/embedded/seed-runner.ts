import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiClient } from '@tongxin/test-harness';
import type { SeedContext, SeedStep } from './seed-context.ts';

const STEPS_DIR = join(import.meta.dirname, 'seed');

interface SeedState {
  done: string[];
  state: Record<string, unknown>;
}

/**
 * Runs the seed steps (infra/embedded/seed/NN-name.ts, in name order) that have not run on
 * this data directory yet; a step added by a later release runs once on an existing county too.
 */
export async function runSeeds(options: {
  gatewayUrl: string;
  dataDir: string;
  adminUsername: string;
  adminPassword: string;
  log: (line: string) => void;
}): Promise<void> {
  const file = join(options.dataDir, 'seed-state.json');
  const saved: SeedState = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as SeedState,
    () => ({ done: [], state: {} }),
  );
  const steps = (await readdir(STEPS_DIR)).filter((f) => /^\d+-.+\.ts$/.test(f)).sort();
  const pending = steps.filter((s) => !saved.done.includes(s));
  if (pending.length === 0) return;

  // Seeding is a bulk client: it waits out the gateway's rate limit rather than failing.
  const api = new ApiClient(options.gatewayUrl, true);
  const login = async (username: string, password: string) => {
    const r = await api.post('/api/v1/auth/token', { username, password });
    if (r.status !== 200) throw new Error(`seed: sign-in of ${username} failed (${r.status})`);
    return r.body.accessToken as string;
  };
  const admin = await login(options.adminUsername, options.adminPassword);
  let lastShown = 0;
  const ctx: SeedContext = {
    api,
    admin,
    login,
    state: saved.state,
    async createAccount(account) {
      const r = await api.post('/api/v1/accounts', account, admin);
      if (r.status === 201) return r.body.id as string;
      if (r.status === 409) return undefined;
      throw new Error(`seed: account ${account.username}: ${r.status} ${JSON.stringify(r.body)}`);
    },
    progress(label, done, total) {
      const now = Date.now();
      if (done === total || now - lastShown > 1000) {
        lastShown = now;
        options.log(`[seed] ${label}: ${done}/${total} (${Math.round((100 * done) / Math.max(total, 1))}%)`);
      }
    },
  };
  for (const step of pending) {
    const started = Date.now();
    options.log(`[seed] ${step} …`);
    const mod = (await import(pathToFileURL(join(STEPS_DIR, step)).href)) as { seed: SeedStep };
    await mod.seed(ctx);
    saved.done.push(step);
    await writeFile(file, JSON.stringify(saved));
    options.log(`[seed] ${step} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
