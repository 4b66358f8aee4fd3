import t from 'tap';
import { KeptWhileUnchanged } from '../src/index.ts';

t.test('a result is given again only while the version read before it is unchanged', async (t) => {
  let version = 1;
  let computed = 0;
  const kept = new KeptWhileUnchanged<number>(async () => String(version));
  const compute = async () => ++computed;
  t.equal(await kept.get('county', compute), 1);
  t.equal(await kept.get('county', compute), 1, 'unchanged: kept');
  t.equal(computed, 1);
  version = 2;
  t.equal(await kept.get('county', compute), 2, 'a write since: computed again');
  t.equal(await kept.get('1407231', compute), 3, 'another key has a result of its own');
  t.equal(await kept.get('county', compute), 2);
});

t.test('a write during the computation is not hidden by it', async (t) => {
  let version = 1;
  const kept = new KeptWhileUnchanged<string>(async () => String(version));
  // The computation reads the data after the write committed, but began with version 1 read.
  t.equal(
    await kept.get('county', async () => {
      version = 2;
      return 'after the write';
    }),
    'after the write',
  );
  t.equal(await kept.get('county', async () => 'computed again'), 'computed again', 'kept under 1, asked at 2');
  t.equal(await kept.get('county', async () => 'not asked'), 'computed again', 'kept under 2');
});

t.test('beyond its size the oldest key is dropped', async (t) => {
  let computed = 0;
  const kept = new KeptWhileUnchanged<number>(async () => 'v', 2);
  const compute = async () => ++computed;
  await kept.get('a', compute);
  await kept.get('b', compute);
  await kept.get('c', compute);
  t.equal(await kept.get('b', compute), 2, 'b kept');
  t.equal(await kept.get('a', compute), 4, 'a dropped, computed again');
});
