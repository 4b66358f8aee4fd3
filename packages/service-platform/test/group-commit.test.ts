import t from 'tap';
import { GroupCommit, type Outcome } from '../src/index.ts';

/** A writer whose batches the test releases one at a time, keeping what each batch carried. */
function gatedWriter(decide: (item: number, batch: number[]) => Outcome<string> = (i) => ({ value: `w${i}` })) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = (items: number[]) => {
    batches.push(items);
    return new Promise<Outcome<string>[]>((resolve, reject) =>
      gates.push(() => {
        try {
          resolve(items.map((i) => decide(i, items)));
        } catch (err) {
          reject(err);
        }
      }),
    );
  };
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
  };
  return { write, batches, release };
}

t.test('a lone item is written at once; items that arrive meanwhile go in together next', async (t) => {
  const w = gatedWriter();
  const group = new GroupCommit(w.write);
  const first = group.submit(1);
  t.same(w.batches, [[1]], 'nothing waits to fill a batch');
  const rest = [2, 3, 4].map((i) => group.submit(i));
  t.same(w.batches, [[1]], 'the others wait for the batch under way');
  await w.release();
  t.equal(await first, 'w1');
  await w.release();
  t.same(await Promise.all(rest), ['w2', 'w3', 'w4']);
  t.same(w.batches, [[1], [2, 3, 4]], 'one batch for the three');
});

t.test('an item refused by the writer fails alone; the batch size is bounded', async (t) => {
  const w = gatedWriter((i) => (i === 3 ? { error: new Error('taken') } : { value: `w${i}` }));
  const group = new GroupCommit(w.write, 2);
  const all = [1, 2, 3, 4, 5].map((i) => group.submit(i).catch((err: Error) => err.message));
  for (let n = 0; n < 3; n++) await w.release();
  t.same(await Promise.all(all), ['w1', 'w2', 'taken', 'w4', 'w5']);
  t.same(w.batches, [[1], [2, 3], [4, 5]]);
});

t.test('a batch that throws is written again item by item, so only the bad item fails', async (t) => {
  const w = gatedWriter((i, batch) => {
    if (batch.includes(3)) throw new Error(`batch of ${batch.length} failed`);
    return { value: `w${i}` };
  });
  const group = new GroupCommit(w.write);
  const first = group.submit(1);
  const rest = [2, 3, 4].map((i) => group.submit(i).catch((err: Error) => err.message));
  for (let n = 0; n < 5; n++) await w.release();
  t.equal(await first, 'w1');
  t.same(await Promise.all(rest), ['w2', 'batch of 1 failed', 'w4']);
  t.same(w.batches, [[1], [2, 3, 4], [2], [3], [4]]);
});
