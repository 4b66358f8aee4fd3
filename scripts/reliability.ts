/**
 * `npm run test:reliability`: the reliability and security suite (tests/reliability/*.rel.ts, kept
 * out of `npm test`), one file at a time so that the load and fault figures are not skewed by a
 * neighbour, then every suite's figures again in one block at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'tests', 'reliability');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.rel.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => join('tests', 'reliability', f));
const figures = join(mkdtempSync(join(tmpdir(), 'tongxin-rel-')), 'figures.jsonl');
const started = Date.now();
const code = await new Promise<number>((resolve) => {
  const child = spawn('npx', ['tap', '--disable-coverage', '--jobs=1', '--timeout=900', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TONGXIN_REL_FIGURES: figures },
  });
  child.on('exit', (c) => resolve(c ?? 1));
});
let lines: { suite: string; figures: Record<string, unknown> }[] = [];
try {
  lines = readFileSync(figures, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  // no suite got as far as its figures
}
console.log('\n=== reliability figures');
for (const l of lines) {
  console.log(
    `${l.suite.padEnd(24)} ${Object.entries(l.figures)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ')}`,
  );
}
console.log(`reliability suite: ${((Date.now() - started) / 60_000).toFixed(1)} min, tap exit ${code}`);
process.exit(code);
