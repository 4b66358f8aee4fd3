import type { Test } from 'tap';
import { createPool } from '@tongxin/db';
import type { CloudEvent } from '../../src/index.ts';
import { rand, testEvent } from './bus-contract.ts';
import type { EmbeddedBackend } from './embedded-fixture.ts';
import { deferred, waitFor } from './wait.ts';

type Seq = CloudEvent<{ seq: number }>;

/** Behaviour specific to the embedded bus: leases. */
export function embeddedContract(t: Test, backend: EmbeddedBackend): void {
  t.test('a dead member’s partitions move once its lease expires, and its message is redelivered', async (t) => {
    const fx = backend.fixture();
    // A has its own pool so that "dying" can cut it off the database without a goodbye.
    const poolA = createPool(fx.connectionString, { max: 2 });
    const busA = await fx.bus({ pool: poolA, stopGraceMs: 100 });
    const busB = await fx.bus();
    const topic = rand('t.lease');
    const groupId = rand('g');
    const holding = deferred();
    const subA = await busA.subscribe({
      groupId,
      topics: [topic],
      handler: async (e) => {
        if ((e as Seq).data.seq === 0) {
          holding.resolve();
          await new Promise(() => undefined);
        }
      },
    });
    await busA.publish([0, 1].map((seq) => ({ topic, key: 'k', event: testEvent('k', seq) })));
    await holding.promise;
    await poolA.end(); // A stops renewing, and cannot release its leases
    const died = Date.now();

    const gotB: number[] = [];
    const subB = await busB.subscribe({
      groupId,
      topics: [topic],
      handler: async (e) => void gotB.push((e as Seq).data.seq),
    });
    t.teardown(() => subB.stop());
    await waitFor('takeover', () => gotB.length >= 2, 10_000);
    const tookMs = Date.now() - died;
    t.same(gotB, [0, 1], 'B resumes at the committed offset: the unfinished message comes again');
    t.ok(tookMs >= 1_000, `not before the lease expired (${tookMs} ms)`);
    await subA.stop();
  });

  t.test('members of a group share the partitions', async (t) => {
    const fx = backend.fixture();
    const bus = await fx.bus();
    const topic = rand('t.share');
    const groupId = rand('g');
    const byMember: [Set<number>, Set<number>] = [new Set(), new Set()];
    for (const got of byMember) {
      const sub = await bus.subscribe({
        groupId,
        topics: [topic],
        handler: async (_, meta) => void got.add(meta.partition),
      });
      t.teardown(() => sub.stop());
    }
    // Give the first member time to hand half of its partitions to the second.
    await new Promise((r) => setTimeout(r, 1_200));
    const all = Array.from({ length: 40 }, (_, i) => ({ topic, key: `key-${i}`, event: testEvent(`key-${i}`, i) }));
    await bus.publish(all);
    await waitFor('all partitions', () => byMember[0].size + byMember[1].size >= 4, 10_000);
    t.ok(byMember[0].size > 0 && byMember[1].size > 0, 'both members consume');
    t.same(
      [...byMember[0]].filter((p) => byMember[1].has(p)),
      [],
      'no partition handled by both',
    );
  });
}
