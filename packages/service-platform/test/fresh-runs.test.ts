import t from 'tap';
import { FreshRuns } from '../src/index.ts';

/** A read whose answers the test releases one at a time, counting the runs it was asked for. */
function gatedRead() {
  const gates: (() => void)[] = [];
  let runs = 0;
  const read = () => {
    const n = ++runs;
    return new Promise<number>((resolve) => gates.push(() => resolve(n)));
  };
  return { read, runs: () => runs, release: () => gates.shift()!() };
}
const tick = () => new Promise((r) => setImmediate(r));

t.test('callers during a run share the run queued behind it, never the one that began before them', async (t) => {
  const runs = new FreshRuns<number>();
  const g = gatedRead();
  const first = runs.run('county', g.read);
  const during = [runs.run('county', g.read), runs.run('county', g.read), runs.run('county', g.read)];
  t.equal(g.runs(), 1, 'the queued run waits for the one under way');
  g.release();
  t.equal(await first, 1);
  await tick();
  t.equal(g.runs(), 2, 'one more run for all three callers');
  g.release();
  t.same(await Promise.all(during), [2, 2, 2], 'each caller got a run that began after it asked');
  const later = runs.run('county', g.read);
  t.equal(g.runs(), 3, 'a caller after both runs gets a run of its own');
  g.release();
  t.equal(await later, 3);
});

t.test('keys run apart, and a failed run is not kept', async (t) => {
  const runs = new FreshRuns<number>();
  const g = gatedRead();
  const county = runs.run('county', g.read);
  const township = runs.run('140723100', g.read);
  t.equal(g.runs(), 2, 'another scope does not wait');
  g.release();
  g.release();
  t.same(await Promise.all([county, township]), [1, 2]);

  const failing = runs.run('county', () => Promise.reject(new Error('database gone')));
  const queued = runs.run('county', g.read);
  await t.rejects(failing, /database gone/);
  await tick();
  g.release();
  t.equal(await queued, 3, 'the caller queued behind a failure gets its own run');
});
