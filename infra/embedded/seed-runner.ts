import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiClient } from '@tongxin/test-harness';
import type { SeedContext, SeedStep } from './seed-context.ts';

/** The seeds: `demo` (small and fast, the default) and `heshun` (the county at the article's size). */
export const SEEDS = { demo: 'seed', heshun: 'seed-heshun' } as const;
export type SeedName = keyof typeof SEEDS;

/** A text progress bar: `[seed] workers ███████░░░░░░░░░░░░░  35% 9,846/28,131 · 41 s, ~76 s left`. */
export function progressBar(label: string, done: number, total: number, elapsedMs: number): string {
  const share = Math.min(1, done / Math.max(total, 1));
  const filled = Math.round(share * 20);
  const left = done > 0 && done < total ? `, ~${Math.round((elapsedMs * (total - done)) / done / 1000)} s left` : '';
  return `[seed] ${label} ${'█'.repeat(filled)}${'░'.repeat(20 - filled)} ${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(elapsedMs / 1000)} s${left}`;
}

interface SeedState {
  done: string[];
  state: Record<string, unknown>;
}

/**
 * Runs the seed steps (infra/embedded/seed/NN-name.ts for `demo`, seed-heshun/ for `heshun`, in
 * name order) that have not run on this data directory yet; a step added by a later release runs
 * once on an existing county too. A step may checkpoint its own progress in `state`, so an
 * interrupted one resumes where it stopped.
 */
export async function runSeeds(options: {
  seed?: SeedName;
  gatewayUrl: string;
  dataDir: string;
  adminUsername: string;
  adminPassword: string;
  log: (line: string) => void;
}): Promise<void> {
  const seed = options.seed ?? 'demo';
  const stepsDir = join(import.meta.dirname, SEEDS[seed]);
  const file = join(options.dataDir, seed === 'demo' ? 'seed-state.json' : `seed-state-${seed}.json`);
  const saved: SeedState = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as SeedState,
    () => ({ done: [], state: {} }),
  );
  const steps = (await readdir(stepsDir)).filter((f) => /^\d+-.+\.ts$/.test(f)).sort();
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
  const began = new Map<string, number>();
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
      if (!began.has(label)) began.set(label, now);
      if (done === total || now - lastShown > 1000) {
        lastShown = now;
        options.log(progressBar(label, done, total, now - began.get(label)!));
      }
    },
    checkpoint: () => writeFile(file, JSON.stringify(saved)),
  };
  for (const step of pending) {
    const started = Date.now();
    options.log(`[seed] ${step} …`);
    const mod = (await import(pathToFileURL(join(stepsDir, step)).href)) as { seed: SeedStep };
    await mod.seed(ctx);
    saved.done.push(step);
    await writeFile(file, JSON.stringify(saved));
    options.log(`[seed] ${step} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
