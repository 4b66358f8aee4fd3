import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { delay, waitFor } from './helpers/wait.ts';

// kafkajs's stop-during-fetcher-rebalance race, played on its real Runner in a child process
// (see helpers/kafkajs-runner-race.ts): a blocked event loop can only be observed from outside.
const RACE = fileURLToPath(new URL('./helpers/kafkajs-runner-race.ts', import.meta.url));

interface Run {
  lines: string[];
  exit: Promise<number | null>;
  kill(): void;
}

function race(mode: 'guarded' | 'unguarded'): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', RACE, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { lines, exit, kill: () => child.kill('SIGKILL') };
}

t.test(
  'with the guard, stopping a consumer mid-rebalance ends and the event loop keeps running',
  { timeout: 20_000 },
  async (t) => {
    const run = race('guarded');
    t.teardown(run.kill);
    t.equal(await run.exit, 0, 'the race script finished');
    t.ok(run.lines.includes('stopped'), 'runner.stop() resolved');
    t.notOk(
      run.lines.some((l) => l.startsWith('crash')),
      'the runner did not crash',
    );
  },
);

t.test('without the guard, kafkajs 2.2.4 blocks the event loop in the same race', async (t) => {
  // Proves the race is real (and the test above meaningful); when an upgraded kafkajs makes
  // this fail, the guard can go.
  const run = race('unguarded');
  t.teardown(run.kill);
  await waitFor('the first tick', () => run.lines.includes('tick'), 20_000);
  await delay(3_000);
  const before = run.lines.length;
  await delay(1_000);
  t.notOk(run.lines.includes('stopped'), 'runner.stop() never resolved');
  t.equal(run.lines.length, before, 'no timer ran for a second: the event loop is blocked');
});
